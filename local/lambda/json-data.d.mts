/** Types of json-data.mjs (plain JavaScript, shared with the sandbox worker). */
export declare const NOT_PLAIN: unique symbol;
/** What `JSON.parse(JSON.stringify(value))` gives, as a fresh copy, or NOT_PLAIN when the JSON round trip must decide. */
export declare function copyPlainJson(value: unknown): unknown;
