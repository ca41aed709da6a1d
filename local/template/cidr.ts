/**
 * `Fn::Cidr` (CloudFormation User Guide, "Fn::Cidr"): `count` consecutive address blocks of `cidrBits` host bits
 * each, from the start of `ipBlock`. A pure computation, so the local value is AWS's; IPv4 and IPv6 alike. An IPv6
 * block is written in RFC 5952's canonical form (lowercase, the longest run of zero groups as `::`).
 */
import { TemplateError } from './errors.ts';

/** CloudFormation's limit on `count`. */
const MAX_COUNT = 256;

interface Block {
  /** The address as a number of `bits` bits (32: IPv4, 128: IPv6). */
  address: bigint;
  prefix: number;
  bits: 32 | 128;
}

function parseIpv4(text: string): bigint | undefined {
  const parts = text.split('.');
  if (parts.length !== 4 || !parts.every((part) => /^(0|[1-9]\d{0,2})$/.test(part) && Number(part) <= 255))
    return undefined;
  return parts.reduce((value, part) => (value << 8n) | BigInt(part), 0n);
}

function parseIpv6(text: string): bigint | undefined {
  if (!/^[0-9a-fA-F:]+$/.test(text) || text.split('::').length > 2) return undefined;
  const [head = '', tail] = text.split('::');
  const groups = (part: string) => (part === '' ? [] : part.split(':'));
  const front = groups(head);
  const back = tail === undefined ? [] : groups(tail);
  const missing = 8 - front.length - back.length;
  if (tail === undefined ? missing !== 0 : missing < 1) return undefined;
  const all = [...front, ...Array.from({ length: tail === undefined ? 0 : missing }, () => '0'), ...back];
  if (!all.every((group) => /^[0-9a-fA-F]{1,4}$/.test(group))) return undefined;
  return all.reduce((value, group) => (value << 16n) | BigInt(`0x${group}`), 0n);
}

function parseBlock(text: string): Block | undefined {
  const slash = text.indexOf('/');
  if (slash < 0) return undefined;
  const [address, prefixText] = [text.slice(0, slash), text.slice(slash + 1)];
  if (!/^(0|[1-9]\d{0,2})$/.test(prefixText)) return undefined;
  const prefix = Number(prefixText);
  const v4 = parseIpv4(address);
  if (v4 !== undefined) return prefix <= 32 ? { address: v4, prefix, bits: 32 } : undefined;
  const v6 = parseIpv6(address);
  return v6 !== undefined && prefix <= 128 ? { address: v6, prefix, bits: 128 } : undefined;
}

function formatIpv4(value: bigint): string {
  return [24n, 16n, 8n, 0n].map((shift) => String((value >> shift) & 255n)).join('.');
}

function formatIpv6(value: bigint): string {
  const groups = Array.from({ length: 8 }, (_, i) => Number((value >> BigInt(112 - 16 * i)) & 0xffffn));
  // The longest run of two or more zero groups (the first such run on a tie) becomes `::`.
  let best = { start: -1, length: 0 };
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i += 1;
      continue;
    }
    let end = i;
    while (end < 8 && groups[end] === 0) end += 1;
    if (end - i > best.length && end - i >= 2) best = { start: i, length: end - i };
    i = end;
  }
  const hex = groups.map((group) => group.toString(16));
  if (best.start < 0) return hex.join(':');
  return `${hex.slice(0, best.start).join(':')}::${hex.slice(best.start + best.length).join(':')}`;
}

/** The blocks `Fn::Cidr [ipBlock, count, cidrBits]` gives; `where` names the call in errors. */
export function cidrBlocks(ipBlock: string, count: number, cidrBits: number, where: string): string[] {
  const block = parseBlock(ipBlock);
  if (block === undefined)
    throw new TemplateError(
      `${where}: Fn::Cidr ipBlock ${JSON.stringify(ipBlock)} is not an IPv4 or IPv6 CIDR block such as 10.0.0.0/16`,
    );
  if (!Number.isInteger(count) || count < 1 || count > MAX_COUNT)
    throw new TemplateError(`${where}: Fn::Cidr count must be an integer from 1 to ${MAX_COUNT}, got ${count}`);
  const subnetPrefix = block.bits - cidrBits;
  if (!Number.isInteger(cidrBits) || cidrBits < 1 || subnetPrefix < block.prefix)
    throw new TemplateError(
      `${where}: Fn::Cidr cidrBits must be an integer from 1 to ${block.bits - block.prefix} for ${ipBlock} (a /${block.prefix} holds no larger subnet), got ${cidrBits}`,
    );
  const available = 2n ** BigInt(subnetPrefix - block.prefix);
  if (BigInt(count) > available)
    throw new TemplateError(
      `${where}: Fn::Cidr count ${count} is more than the ${available} /${subnetPrefix} subnets ${ipBlock} holds`,
    );
  const size = 2n ** BigInt(cidrBits);
  const hostBits = BigInt(block.bits - block.prefix);
  const start = (block.address >> hostBits) << hostBits;
  const format = block.bits === 32 ? formatIpv4 : formatIpv6;
  return Array.from({ length: count }, (_, i) => `${format(start + BigInt(i) * size)}/${subnetPrefix}`);
}
