// Hostile presence states for the tests: a fixed list of shapes known to hurt (null positions,
// strings where objects go, huge numbers, `__proto__` keys, deep nesting...) and seeded random
// mutations of a real caret, each as the JSON text a socket would carry.
import { seededRandom } from './seededRandom';

/** A presence state as it travels: the JSON text, and what it is, for failure messages. */
export interface PresenceShape {
  name: string;
  json: string;
  /** Not an object at all: the server refuses the frame (and closes the connection). */
  refused: boolean;
}

/** Two relative positions as our clients send them (a serialised Y.RelativePosition each). */
export interface CaretJson {
  anchor: Record<string, unknown>;
  head: Record<string, unknown>;
}

export interface PresenceShapeOptions {
  /** A valid caret in the section's text, to mutate (so positions can point at real items). */
  caret: CaretJson;
  seed: number;
  /** How many seeded mutations to add to the fixed list. */
  mutations: number;
}

const NESTING = 4_000;
const MUTATION_MARKER = '@@mutation@@';

/** A value nested `depth` levels deep, as JSON text. */
function deep(depth: number): string {
  return '['.repeat(depth) + ']'.repeat(depth);
}

/** The fixed shapes, then seeded mutations of `caret`. */
export function presenceShapes(options: PresenceShapeOptions): PresenceShape[] {
  const caret = JSON.stringify(options.caret);
  const anchor = JSON.stringify(options.caret.anchor);
  const user = '{"name":"Mallory","role":"pcc","color":"#d4351c"}';
  const shape = (name: string, json: string): PresenceShape => ({ name, json, refused: false });
  const shapes: PresenceShape[] = [
    // The one from the security report.
    shape('null anchor and head', '{"cursor":{"anchor":null,"head":null}}'),
    shape('empty cursor', '{"cursor":{}}'),
    shape('empty positions', '{"cursor":{"anchor":{},"head":{}}}'),
    shape('positions with every key null', '{"cursor":{"anchor":{"type":null,"tname":null,"item":null,"assoc":0},"head":{"type":null,"tname":null,"item":null,"assoc":0}}}'),
    shape('head missing', `{"cursor":{"anchor":${anchor}}}`),
    shape('head null', `{"cursor":{"anchor":${anchor},"head":null}}`),
    shape('cursor a string', '{"cursor":"here"}'),
    shape('cursor a number', '{"cursor":42}'),
    shape('cursor true', '{"cursor":true}'),
    shape('cursor an array', `{"cursor":[${anchor},${anchor}]}`),
    shape('positions strings', '{"cursor":{"anchor":"0","head":"1"}}'),
    shape('positions numbers', '{"cursor":{"anchor":1,"head":2}}'),
    shape('type a string', '{"cursor":{"anchor":{"type":"x","assoc":0},"head":{"type":"x","assoc":0}}}'),
    shape('item an array', '{"cursor":{"anchor":{"item":[1,2],"assoc":0},"head":{"item":[1,2],"assoc":0}}}'),
    shape('ids without fields', '{"cursor":{"anchor":{"item":{},"assoc":0},"head":{"type":{},"assoc":0}}}'),
    shape('infinite ids', '{"cursor":{"anchor":{"item":{"client":1e400,"clock":-1e400},"assoc":0},"head":{"item":{"client":1e400,"clock":1e400},"assoc":0}}}'),
    shape('unsafe integer ids', '{"cursor":{"anchor":{"item":{"client":9007199254740993,"clock":0},"assoc":0},"head":{"item":{"client":0,"clock":9007199254740993},"assoc":0}}}'),
    shape('negative ids', '{"cursor":{"anchor":{"item":{"client":-1,"clock":-1},"assoc":0},"head":{"item":{"client":-1,"clock":-1},"assoc":0}}}'),
    shape('fractional ids', '{"cursor":{"anchor":{"item":{"client":1.5,"clock":0.5},"assoc":0},"head":{"item":{"client":1.5,"clock":0.5},"assoc":0}}}'),
    shape('unknown root type', '{"cursor":{"anchor":{"tname":"__proto__","assoc":0},"head":{"tname":"constructor","assoc":-1}}}'),
    shape('long type name', `{"cursor":{"anchor":{"tname":"${'t'.repeat(5_000)}","assoc":0},"head":{"tname":"x","assoc":0}}}`),
    shape('assoc a string', '{"cursor":{"anchor":{"tname":"default","assoc":"left"},"head":{"tname":"default","assoc":"right"}}}'),
    shape('assoc infinite', '{"cursor":{"anchor":{"tname":"default","assoc":1e400},"head":{"tname":"default","assoc":-1e400}}}'),
    shape('extra keys in a position', '{"cursor":{"anchor":{"tname":"default","assoc":0,"evil":{"a":1}},"head":{"tname":"default","assoc":0}}}'),
    shape('__proto__ keys', `{"__proto__":{"cursor":null},"cursor":{"__proto__":${caret},"anchor":{"__proto__":{"tname":"default"},"assoc":0},"head":${anchor}}}`),
    shape('__proto__ cursor only', `{"__proto__":{"cursor":${caret}}}`),
    shape('deep nesting in a position', `{"cursor":{"anchor":{"item":${deep(NESTING)},"assoc":0},"head":${anchor}}}`),
    shape('deep nesting as the cursor', `{"cursor":${deep(NESTING)}}`),
    shape('nested junk objects', `{"cursor":{"anchor":{"type":{"client":{"client":{"client":{}}},"clock":[[[{}]]]},"assoc":0},"head":${anchor}}}`),
    shape('user a string', `{"user":"Mallory","cursor":${caret}}`),
    shape('user a number', `{"user":7,"cursor":${caret}}`),
    shape('user with no name or colour', `{"user":{},"cursor":${caret}}`),
    shape('user with an object for a name and a bad colour', `{"user":{"name":{"toString":1},"color":"javascript:alert(1)"},"cursor":${caret}}`),
    shape('user without a cursor', `{"user":${user}}`),
    shape('a huge extra field', `{"cursor":null,"blob":"${'x'.repeat(10_000)}"}`),
    { name: 'state a number', json: '42', refused: true },
    { name: 'state a string', json: '"hello"', refused: true },
    { name: 'state true', json: 'true', refused: true },
    { name: 'state an array', json: `[${caret}]`, refused: true },
  ];
  const random = seededRandom(options.seed);
  for (let i = 0; i < options.mutations; i++) {
    const mutated = mutate(structuredClone(options.caret) as unknown as Record<string, unknown>, random);
    shapes.push(shape(`mutation ${i} (seed ${options.seed})`, `{"user":${random() < 0.3 ? junkValue(random, 2) : user},"cursor":${mutated}}`));
  }
  return shapes;
}

/** Replaces, deletes or adds one value somewhere in the caret; returns the JSON text. */
function mutate(caret: Record<string, unknown>, random: () => number): string {
  // Every object in the caret (the caret, its positions, their ids), to pick one to damage.
  const objects: Array<Record<string, unknown>> = [];
  const collect = (value: unknown): void => {
    if (typeof value !== 'object' || value === null) return;
    objects.push(value as Record<string, unknown>);
    for (const child of Object.values(value)) collect(child);
  };
  collect(caret);
  const target = objects[Math.floor(random() * objects.length)]!;
  const keys = Object.keys(target);
  const key = keys[Math.floor(random() * keys.length)] ?? 'anchor';
  const roll = random();
  if (roll < 0.15) {
    delete target[key];
    return JSON.stringify(caret);
  }
  if (roll < 0.25) {
    target[random() < 0.5 ? 'extra' : 'constructor'] = 1;
    return JSON.stringify(caret);
  }
  // Splice raw JSON text in, so values JSON.stringify cannot make (1e400, __proto__) are possible.
  target[key] = MUTATION_MARKER;
  return JSON.stringify(caret).replace(JSON.stringify(MUTATION_MARKER), junkValue(random, 3));
}

/** A random JSON value (as text) of the kinds that break naive code. */
function junkValue(random: () => number, depth: number): string {
  const kinds = [
    () => 'null',
    () => 'true',
    () => '0',
    () => '-1',
    () => '1.5',
    () => '1e400',
    () => '-1e400',
    () => '9007199254740993',
    () => String(Math.floor(random() * 2 ** 32)),
    () => '""',
    () => '"default"',
    () => JSON.stringify('x'.repeat(Math.floor(random() * 300))),
    () => '[]',
    () => '{}',
    () => deep(1 + Math.floor(random() * 2_000)),
    () => '{"__proto__":{"client":1,"clock":1}}',
    () => '{"client":"1","clock":"1"}',
    () => '{"client":1,"clock":1,"extra":true}',
    () => (depth > 0 ? `[${junkValue(random, depth - 1)},${junkValue(random, depth - 1)}]` : '[]'),
    () => (depth > 0 ? `{"type":${junkValue(random, depth - 1)},"item":${junkValue(random, depth - 1)},"assoc":0}` : '{}'),
  ];
  return kinds[Math.floor(random() * kinds.length)]!();
}
