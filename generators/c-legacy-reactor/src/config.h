/*
 * The config of a legacy generator: flat `key: value` lines, as DAWG's original README writes
 * spec.config, or a flat JSON object of strings, as DAWG hands over a spec.config mapping.
 */
#ifndef DAWG_CONFIG_H
#define DAWG_CONFIG_H

#define CONFIG_MAX_FIELDS 16
#define CONFIG_MAX_KEY 64
#define CONFIG_MAX_VALUE 512
#define CONFIG_MAX_ERROR 256

struct config {
  char keys[CONFIG_MAX_FIELDS][CONFIG_MAX_KEY];
  char values[CONFIG_MAX_FIELDS][CONFIG_MAX_VALUE];
  int count;
  /* Why parsing failed, naming the line or field. */
  char error[CONFIG_MAX_ERROR];
};

/* Parses `text` into `config`; returns 0, or -1 with config->error set. */
int config_parse(const char *text, struct config *config);
/* The value of `key`, or NULL when the config does not set it. */
const char *config_get(const struct config *config, const char *key);

#endif
