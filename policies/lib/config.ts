/** The `getConfig` every policy argument bag has. */
export interface HasConfig {
  getConfig<T extends object>(): T;
}

/**
 * The policy's configuration: the documented defaults, overridden key by key by what the pack
 * config of the stack gives (the engine also applies the schema defaults; the values agree).
 */
export function readConfig<T extends object>(args: HasConfig, defaults: T): T {
  const given = (args.getConfig<Partial<T>>() ?? {}) as Partial<T>;
  const out = { ...defaults };
  for (const key of Object.keys(defaults) as (keyof T)[]) {
    const value = given[key];
    if (value !== undefined) out[key] = value as T[keyof T];
  }
  return out;
}
