// Load YAML with js-yaml and remember the line of every key and item, so config errors can name it.
import yaml from 'js-yaml';
import { ConfigError } from '../errors/config-error';

/** A path into loaded YAML data: mapping keys and sequence indexes. */
export type DataPath = readonly (string | number)[];

/** Loaded YAML plus a way to find the 1-based line a path was written on. */
export interface LocatedYaml {
  data: unknown;
  /** The line of the deepest existing prefix of `path` (line 1 when nothing matches). */
  lineOf(path: DataPath): number;
}

interface Frame {
  line: number;
  result: unknown;
  children: Frame[];
}

const key = (path: DataPath) => JSON.stringify(path);

/** Parse YAML text; syntax errors become a ConfigError naming `file` and the line. */
export function loadYamlWithLines(text: string, file: string): LocatedYaml {
  const root: Frame = { line: 0, result: undefined, children: [] };
  const stack: Frame[] = [root];
  let data: unknown;
  try {
    data = yaml.load(text, {
      filename: file,
      schema: yaml.CORE_SCHEMA,
      listener(event, state) {
        if (event === 'open') {
          stack.push({ line: state.line, result: undefined, children: [] });
        } else {
          const frame = stack.pop();
          if (!frame) return;
          frame.result = state.result;
          stack[stack.length - 1]?.children.push(frame);
        }
      },
    });
  } catch (error) {
    if (error instanceof yaml.YAMLException) {
      throw new ConfigError([
        { file, line: (error.mark?.line ?? 0) + 1, path: '', message: `not valid YAML: ${error.reason}` },
      ]);
    }
    throw error;
  }
  const lines = new Map<string, number>();
  const walk = (frame: Frame, path: (string | number)[]) => {
    const { result, children } = frame;
    // A container's own line is where its first entry is written (the line a "missing key" belongs to).
    if (children[0] && !lines.has(key(path))) lines.set(key(path), children[0].line + 1);
    if (Array.isArray(result)) {
      children.forEach((child, i) => {
        lines.set(key([...path, i]), child.line + 1);
        walk(child, [...path, i]);
      });
    } else if (result !== null && typeof result === 'object') {
      for (let i = 0; i + 1 < children.length; i += 2) {
        const k = children[i]!;
        const val = children[i + 1]!;
        const name = String(k.result);
        lines.set(key([...path, name]), k.line + 1);
        walk(val, [...path, name]);
      }
    }
  };
  const top = root.children[root.children.length - 1];
  if (top) walk(top, []);
  return {
    data,
    lineOf(path) {
      for (let n = path.length; n >= 0; n--) {
        const line = lines.get(key(path.slice(0, n)));
        if (line !== undefined) return line;
      }
      return 1;
    },
  };
}
