import type { z } from 'zod';
import type { MethodSpec } from './method';
import type { Result } from './errors';
import type { LecternEventListener } from './events';
import { documentsContract } from './services/documents';
import { appContract } from './services/app';
import { revisionsContract } from './services/revisions';
import { searchContract } from './services/search';
import { trashContract } from './services/trash';
import { libraryContract } from './services/library';
import { aiContract } from './services/ai';
import { settingsContract } from './services/settings';
import { jobsContract } from './services/jobs';
import { provenanceContract } from './services/provenance';
import { templatesContract } from './services/templates';
import { assetsContract } from './services/assets';
import { reviewContract } from './services/review';
import { importContract } from './services/import';

export * from './errors';
export * from './events';
export * from './method';
export * from './tiptap';
export * from './services/documents';
export * from './services/app';
export * from './services/revisions';
export * from './services/search';
export * from './services/trash';
export * from './services/library';
export * from './services/ai';
export * from './services/settings';
export * from './services/jobs';
export * from './services/provenance';
export * from './services/templates';
export * from './services/assets';
export * from './services/review';
export * from './services/import';
export * from './suggestions';

/** Every method the renderer can call, grouped by service. Nothing else is reachable. */
export const contract = {
  app: appContract,
  documents: documentsContract,
  revisions: revisionsContract,
  search: searchContract,
  trash: trashContract,
  library: libraryContract,
  ai: aiContract,
  settings: settingsContract,
  jobs: jobsContract,
  provenance: provenanceContract,
  templates: templatesContract,
  assets: assetsContract,
  review: reviewContract,
  import: importContract,
} as const;

export type Contract = typeof contract;
export type ServiceName = keyof Contract;
type MethodsOf<S extends ServiceName> = keyof Contract[S] & string;

/** `service.method`, e.g. `documents.save`. */
export type MethodName = { [S in ServiceName]: `${S}.${MethodsOf<S>}` }[ServiceName];

type SpecAt<N extends MethodName> = N extends `${infer S extends ServiceName}.${infer M}`
  ? M extends keyof Contract[S]
    ? Contract[S][M]
    : never
  : never;

export type InputOf<N extends MethodName> = SpecAt<N> extends MethodSpec<infer I, z.ZodType> ? z.input<I> : never;
export type ParsedInputOf<N extends MethodName> = SpecAt<N> extends MethodSpec<infer I, z.ZodType> ? z.output<I> : never;
export type OutputOf<N extends MethodName> = SpecAt<N> extends MethodSpec<z.ZodType, infer O> ? z.output<O> : never;

export const METHOD_NAMES: readonly MethodName[] = Object.entries(contract).flatMap(([service, methods]) =>
  Object.keys(methods).map((m) => `${service}.${m}` as MethodName),
);

export function isMethodName(name: unknown): name is MethodName {
  return typeof name === 'string' && (METHOD_NAMES as readonly string[]).includes(name);
}

export function methodSpec(name: MethodName): MethodSpec {
  const [service, m] = name.split('.') as [ServiceName, string];
  return (contract[service] as Record<string, MethodSpec>)[m] as MethodSpec;
}

/** The shape of `window.lectern`: one async function per method, plus the event subscription. */
export type LecternApi = {
  [S in ServiceName]: {
    [M in MethodsOf<S>]: (input: InputOf<`${S}.${M}` & MethodName>) => Promise<Result<OutputOf<`${S}.${M}` & MethodName>>>;
  };
} & {
  events: { on(listener: LecternEventListener): () => void };
};

/** The IPC channel for a method. The preload and main agree on it through this function only. */
export const ipcChannel = (name: MethodName): string => `lectern:${name}`;
export const IPC_EVENT_CHANNEL = 'lectern:event';
