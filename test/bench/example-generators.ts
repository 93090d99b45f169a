import { fileURLToPath } from 'node:url';

/** The example generators the benchmark spreads its manifests over, each with a config. */
export interface ExampleGenerator {
  readonly name: string;
  readonly wasmPath: string;
  readonly config: (index: number) => Readonly<Record<string, unknown>>;
}

function built(name: string): string {
  return fileURLToPath(new URL(`../../generators/${name}/build/${name}.wasm`, import.meta.url));
}

export const exampleGenerators: readonly ExampleGenerator[] = [
  {
    name: 'k8s-deployment',
    wasmPath: built('k8s-deployment'),
    config: (index) => ({ namespace: `team-${index % 17}`, deployment: `app-${index}` }),
  },
  {
    name: 'service-red',
    wasmPath: built('service-red'),
    config: (index) => ({ service: `service-${index}`, job: `shop/service-${index}` }),
  },
  {
    name: 'c-legacy-reactor',
    wasmPath: built('c-legacy-reactor'),
    config: (index) => ({ instance: `node-${index}:9100`, job: 'node' }),
  },
];
