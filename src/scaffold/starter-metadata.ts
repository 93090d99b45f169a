/** What a new generator says about itself before its author changes anything. */
export interface StarterMetadata {
  readonly name: string;
  readonly version: string;
  readonly description: string;
  readonly configSchema: object;
  readonly exampleConfig: Readonly<Record<string, unknown>>;
}

/**
 * The metadata of a scaffolded generator, written to its generator.json and embedded in its
 * module: a dashboard of one HTTP service's request and error rates, configured by `service`
 * (required), `title` and `datasource`. Every scaffold language implements exactly this.
 */
export function starterMetadata(name: string): StarterMetadata {
  return {
    name,
    version: '0.1.0',
    description: 'Request and error rates of one HTTP service, from Prometheus.',
    configSchema: {
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      type: 'object',
      required: ['service'],
      additionalProperties: false,
      properties: {
        service: {
          type: 'string',
          pattern: '^[A-Za-z0-9_.-]+$',
          description: 'The service to chart: its service label on http_requests_total.',
        },
        title: {
          type: 'string',
          minLength: 1,
          description: 'The dashboard title. Default: "<service> overview".',
        },
        datasource: {
          type: 'string',
          minLength: 1,
          default: 'prometheus',
          description: 'The Prometheus datasource to query, by uid.',
        },
      },
    },
    exampleConfig: { service: 'checkout' },
  };
}
