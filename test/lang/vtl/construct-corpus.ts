/**
 * One template per VTL construct (and per velocityjs quirk a template can observe), for the compiled path's
 * tests. `path`: 'compiled' when the compiled path must take the template, 'velocityjs' when it must leave it to
 * velocityjs (at compile time), 'handed-over' when a render meets a value it leaves to velocityjs.
 */
export interface Construct {
  name: string;
  template: string;
  path: 'compiled' | 'velocityjs' | 'handed-over';
}

const compiled = (name: string, template: string): Construct => ({ name, template, path: 'compiled' });

export const CONSTRUCTS: readonly Construct[] = [
  compiled('plain text', 'hello {"a": 1}\n'),
  compiled('reference', '$context.connectionId|$context.identity.sourceIp'),
  compiled('wrapped reference', '${context.connectionId}x${context.eventType}'),
  compiled('silent reference', '[$!nothing][$!context.nothing][$nothing.deeper]'),
  compiled('null from $input.path', '[$input.path("$.missing")][$!input.path("$.data.n")]'),
  compiled('comments', '## line\na#* block *#b'),
  compiled('raw', '#[[$not.parsed #if]]#'),
  compiled('set and print', '#set($x = "v")#set($n = 42)#set($d = 1.5)#set($b = true)$x $n $d $b'),
  compiled('set null keeps nothing', '#set($x = $input.path("$.missing"))[$x]'),
  compiled(
    'map literal printed like Java',
    '#set($m = {"a": 1, "b": [1, "x", true], "c": {"d": "e"}})$m $m.a $m.b $m.c.d',
  ),
  compiled('list literal', '#set($l = [1, "two", 3.5, false, $context.eventType])$l $l.size() $l[1]'),
  compiled('range', '#set($r = [1..4])$r #set($down = [3..-1])$down #set($n = 2)#set($v = [$n..5])$v'),
  compiled('range with a missing bound', '#set($v = [$missing..3])$v'),
  compiled('interpolated string', '#set($s = "id=$context.connectionId #if(true)yes#end")$s'),
  compiled('single-quoted string is literal', "#set($s = '$context.connectionId')$s"),
  compiled(
    'arithmetic like Java',
    '#set($a = 7)#set($b = 2)${a}/${b}=#set($q = $a / $b)$q #set($m = $a % $b)$m #set($t = $a * $b - 1)$t',
  ),
  compiled('long division', '#set($ttl = $context.requestTimeEpoch / 1000 + 86400)$ttl'),
  compiled('division by zero', '#set($q = 1 / 0)[$q]#set($r = 1 % 0)[$r]'),
  compiled('string concatenation', '#set($s = "a" + 1 + $missing + $context.connectionId)$s'),
  compiled('number plus null', '#set($s = 1 + $missing)[$s]'),
  compiled('comparisons', '#if(2 > 1)gt#end #if(1 >= 1)ge#end #if("a" < "b")lt#end #if(1 <= 0)le#else!le#end'),
  compiled(
    'Java equality',
    '#if(1 == 1.0)n#end #if("1" == 1)s#end #if($missing == $alsoMissing)nulls#end #if($context != "x")ne#end',
  ),
  compiled('logic', '#if(!$missing && ($context || false))a#end#if($missing || "")b#end#if(!true)c#end'),
  compiled('unary minus and parentheses', '#set($x = -(2 + 3) * 2)$x'),
  compiled('if elseif else', '#foreach($n in [1, 2, 3])#if($n == 1)one#elseif($n == 2)two#else other#end,#end'),
  compiled('truthiness: empty string and zero are true', '#if("")e#end#if(0)z#end#if($missing)m#end#if(false)f#end'),
  compiled(
    'foreach over a list',
    '#foreach($x in ["a", "b", "c"])$x$velocityCount$foreach.count$foreach.index$foreach.hasNext;#end',
  ),
  compiled('foreach over a map', '#set($m = {"a": 1, "b": 2})#foreach($v in $m)$v#end after:[$v][$foreach.count]'),
  compiled('foreach over a list leaves no scope', '#foreach($v in [1, 2])$v#end after:[$v][$foreach.count]'),
  compiled(
    'foreach over keySet/entrySet',
    '#set($m = {"k1": "v1", "k2": "v2"})#foreach($k in $m.keySet())$k=$m.get($k);#end#foreach($e in $m.entrySet())$e.key:$e.value:$e.getKey();#end',
  ),
  compiled(
    'foreach over nothing',
    '#foreach($x in $missing)x#end#set($t = "text")#foreach($x in $t)x#end#foreach($x in [])x#end.',
  ),
  compiled(
    'nested foreach',
    '#foreach($a in [1, 2])#foreach($b in ["x", "y"])$a$b$foreach.count,#end$foreach.count;#end',
  ),
  compiled(
    'foreach with #set of an outer variable',
    '#set($sum = 0)#foreach($n in [1, 2, 3])#set($sum = $sum + $n)#end$sum',
  ),
  compiled('foreach variable shadows', '#set($x = "outer")#foreach($x in [1, 2])#set($x = "in$x")$x #end$x'),
  compiled('break', '#foreach($n in [1, 2, 3])$n#if($n == 2)#break#end after$n #end|#foreach($n in [4, 5])$n#end'),
  compiled(
    'break in a map loop outlives it',
    '#set($m = {"a": 1, "b": 2})#foreach($v in $m)$v#break#end|#foreach($n in [4, 5])$n#end|',
  ),
  compiled('break outside a loop', '#break#foreach($n in [1])$n#end.'),
  compiled('stop', 'a#foreach($n in [1, 2])$n#if($n == 1)#stop()#end#end never'),
  compiled('define', '#define($greeting)Hello $context.eventType#end$greeting and $greeting.length() [$!greeting]'),
  compiled('define rendered before it is defined', '[$later]#define($later)L#end[$later]'),
  compiled(
    'string methods',
    '#set($s = " Mixed Case ")$s.trim().toLowerCase()|$s.length()|$s.contains("Case")|$s.replace(" ", "_")|$s.substring(1, 6)|$s.indexOf("C")|$s.empty|$s.isEmpty()',
  ),
  compiled(
    'string regex methods',
    '#set($s = "a1b22c333")$s.replaceAll("[0-9]+", "#")|$s.replaceFirst("\\d", "X")|$s.matches("[a-z0-9]+")|$s.split("\\d+")',
  ),
  compiled('string method errors', '#set($s = "abc")$s.substring(5)'),
  compiled('charAt out of range', '$context.connectionId.charAt(99)'),
  compiled('unknown method', '[$context.connectionId.noSuchMethod()][$context.connectionId.toUpperCase().noSuch]'),
  compiled(
    'map methods',
    '#set($m = {"a": 1})$m.put("b", 2)$m.containsKey("a")$m.keySet()$m.values()$m.size()$m.isEmpty()$m.remove("a")$m',
  ),
  compiled(
    'list methods',
    '#set($l = [3, 1])$l.add(2)$l $l.get(0) $l.contains(1) $l.indexOf(2) $l.subList(1, 3) $l.isEmpty()',
  ),
  compiled('list add inside its own loop', '#set($l = [1, 2])#foreach($x in $l)#set($ignored = $l.add($x))$x#end $l'),
  compiled('list index error', '#set($l = [1])$l.get(3)'),
  compiled('number methods', '#set($n = 7)$n.toString() $n.intValue() $n.doubleValue() $n.equals(7)'),
  compiled(
    '$input.json',
    '$input.json("$")|$input.json("$.data")|[$input.json("$.missing")]|$input.json("$.data.list[0]")',
  ),
  compiled('$input.path', '#set($d = $input.path("$.data"))$d|$d.text|$d.list|$d.list.size()'),
  compiled(
    '$input.params',
    '$input.params()|$input.params("plain")|$input.params("HOST")|[$input.params("none")]|$input.params().header.size()',
  ),
  compiled('$input.body', '$input.body'),
  compiled(
    '$util',
    '$util.escapeJavaScript($input.body)|$util.urlEncode("a b&c")|$util.urlDecode("a%20b")|$util.base64Encode("hé")|$util.base64Decode("aMOp")',
  ),
  compiled('$util.parseJson', '#set($o = $util.parseJson($input.json("$")))$o'),
  compiled('$util.parseJson error', '$util.parseJson("{not json")'),
  compiled('$util.base64Decode error', '$util.base64Decode("!!")'),
  compiled(
    '$context and $stageVariables',
    '$context.requestTimeEpoch $context.authorizer.claims.groups $stageVariables $stageVariables.originSecrets',
  ),
  compiled('printing host objects', '$input $util'),
  compiled('index access', '$context["connectionId"] $input.path("$.data.list")[0] #set($k = "eventType")$context[$k]'),
  compiled('set into a map path', '#set($m = {})#set($m.a = 1)#set($m["b"] = 2)#set($n.x.y = 3)$m [$n]'),
  compiled('set a property of a $context copy', '#set($context.connectionId = "changed")$context.connectionId'),
  compiled('escaped dollar and hash', '\\$context.connectionId \\#if(true) $ # $$ #'),
  compiled('velocityjs undefined method on map value', '$input.params().querystring.get("plain").toUpperCase()'),
  compiled(
    'blocked __proto__ and constructor',
    '[$context.__proto__][$context.constructor][$context["__proto__"]][$input.constructor][$util["constructor"]]',
  ),
  compiled('blocked method names', '[$context.constructor("x")][$context.connectionId.__proto__()]'),
  compiled(
    'JavaScript members are not Java members',
    '[$context.connectionId.at(0)][$input.path("$.data.list").map][$context.toString]',
  ),
  compiled(
    'set through blocked path',
    '#set($m = {})#set($m.__proto__.polluted = 1)#set($m.constructor.prototype.x = 1)[$m][$m.polluted][$polluted]',
  ),
  compiled('undefined reference with arguments in text', '$missing.call($context.connectionId, "x", 1)'),
  compiled(
    'connect-like template',
    '#set($headers = $input.params().get("header"))#set($path = "")#foreach($name in $headers.keySet())#if($name.equalsIgnoreCase("ws-uri"))#set($path = $headers.get($name))#end#end{"path": "$util.escapeJavaScript($path).replaceAll("\\\'","\'")"}',
  ),
  compiled(
    'map loop inside a list loop (velocityjs scope bookkeeping)',
    '#set($m = {"a": 1, "b": 2})#foreach($x in [1..3])#foreach($y in $m)$y#end$x#end [$x] [$y] $foreach.count',
  ),
  compiled(
    'map with a length key ends its loop scope',
    '#set($a = {"length": 2, "b": 3})#foreach($v in $a)$v#end [$v]',
  ),
  compiled(
    'break in a map loop inside a list loop',
    '#set($m = {"a": 1})#foreach($x in [1..2])#foreach($y in $m)#break#end$x#end|#foreach($z in [7])$z#end',
  ),
  compiled('list with holes', '#set($l = [])#set($l[3] = "x")#foreach($v in $l)[$v]#end $l'),
  compiled('set into a number fails like velocityjs', '#set($x.y = 1)$x'),
  compiled('JSON map with a length key', '#set($z = $input.path("$.data"))#foreach($v in $z)$v;#end'),
  compiled('stop inside a block', '#if(true)#stop()#end after #set($x = 1)'),
  { name: 'macro', template: '#macro(hi $n)hi $n#end#hi("x")', path: 'velocityjs' },
  { name: 'evaluate-style macro call', template: '#eval("$context.connectionId")', path: 'velocityjs' },
  { name: 'method call on the context', template: '$get("context")', path: 'velocityjs' },
  {
    name: 'foreach variable named like an Object member',
    template: '#foreach($toString in [1])$toString#end',
    path: 'velocityjs',
  },
  {
    name: '#set of a name like an Object member',
    template: '#set($constructor = "mine")$constructor',
    path: 'velocityjs',
  },
  { name: 'recursive define', template: '#define($d)[$d]#end$d', path: 'velocityjs' },
  {
    name: 'JavaScript function called by index',
    template: '$util["invoke"].call($util, "base64Encode", "x")',
    path: 'handed-over',
  },
  { name: 'set into a host object', template: '#set($util.x = 1)$util.x', path: 'handed-over' },
  {
    name: 'set below a string',
    template: '#set($context.identity = "s")#set($context.identity.x = 1)$context.identity',
    path: 'handed-over',
  },
];
