import { sourceText, type ScaffoldFile } from './scaffold-file.js';

/**
 * A generator in C, built with Debian's clang for WASI (packages clang, lld, wasi-libc,
 * libclang-rt-dev-wasm32): config JSON on stdin, dashboard JSON on stdout. Its metadata is
 * embedded at compile time (`.incbin` of generator.json into the dawg.generator section), so
 * the build needs nothing but clang.
 */
export function cFiles(name: string): ScaffoldFile[] {
  return [
    { path: 'src/generator.c', content: generatorSource },
    { path: 'src/json.h', content: jsonHeader },
    { path: 'src/json.c', content: jsonSource },
    { path: 'build.sh', content: buildScript(name), isExecutable: true },
  ];
}

function buildScript(name: string): string {
  return [
    '#!/bin/sh',
    `# Builds build/${name}.wasm with clang for WASI. On Debian:`,
    '#   apt-get install clang lld wasi-libc libclang-rt-dev-wasm32',
    '# src/generator.c embeds generator.json as the dawg.generator section: edit it, rebuild.',
    'set -eu',
    'cd "$(dirname "$0")"',
    'mkdir -p build',
    '"${CLANG:-clang}" --target=wasm32-wasi -O2 -Wall -Wextra -Wl,--strip-all \\',
    `  -o build/${name}.wasm src/generator.c src/json.c`,
    `echo "built build/${name}.wasm"`,
    '',
  ].join('\n');
}

const generatorSource = sourceText(String.raw`
/*
 * A DAWG generator: reads its config as JSON on stdin and writes a Grafana dashboard as JSON
 * on stdout. On a bad config it writes a message on stderr and exits 1.
 *
 * DAWG hands a manifest's 'config:' mapping over as compact JSON, checked against the schema
 * in generator.json first, so this file only reads what that schema allows.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json.h"

/* The metadata DAWG reads without running the module: the custom section dawg.generator. */
__asm__(
    ".section .custom_section.dawg.generator,\"\",@\n"
    ".incbin \"generator.json\"\n"
    ".section .text,\"\",@\n");

static void write_panel(const char *title, const char *query, const char *datasource,
                        int index) {
  printf("%s{\"id\":%d,\"type\":\"timeseries\",\"title\":", index == 0 ? "" : ",", index + 1);
  write_json_string(title);
  printf(",\"gridPos\":{\"h\":8,\"w\":12,\"x\":%d,\"y\":0}", (index % 2) * 12);
  printf(",\"datasource\":{\"type\":\"prometheus\",\"uid\":");
  write_json_string(datasource);
  printf("},\"targets\":[{\"refId\":\"A\",\"expr\":");
  write_json_string(query);
  printf("}]}");
}

int main(void) {
  char *input = read_all(stdin);
  if (input == NULL) {
    fputs("cannot read the config from stdin\n", stderr);
    return 1;
  }
  char *service = config_string(input, "service");
  char *title = config_string(input, "title");
  char *datasource = config_string(input, "datasource");
  if (service == NULL || service[0] == '\0') {
    fputs("config: service is required (the service to chart)\n", stderr);
    return 1;
  }

  char requests[512];
  char errors[512];
  snprintf(requests, sizeof requests,
           "sum(rate(http_requests_total{service=\"%s\"}[5m]))", service);
  snprintf(errors, sizeof errors,
           "sum(rate(http_requests_total{service=\"%s\",code=~\"5..\"}[5m]))", service);

  printf("{\"title\":");
  if (title != NULL) {
    write_json_string(title);
  } else {
    printf("\"");
    write_json_fragment(service);
    printf(" overview\"");
  }
  printf(",\"tags\":[");
  write_json_string(service);
  printf("],\"schemaVersion\":39,\"panels\":[");
  const char *source = datasource != NULL ? datasource : "prometheus";
  write_panel("Requests per second", requests, source, 0);
  write_panel("Errors per second", errors, source, 1);
  printf("]}\n");
  return 0;
}
`);

const jsonHeader = sourceText(String.raw`
/* Just enough JSON for a generator: read the config's top-level strings, write escaped text. */
#ifndef GENERATOR_JSON_H
#define GENERATOR_JSON_H

#include <stdio.h>

/* Reads a whole stream into a NUL-terminated buffer; NULL when out of memory. */
char *read_all(FILE *stream);

/*
 * The string value of 'key' in the top-level object of 'json', decoded, in a new buffer;
 * NULL when the key is absent or its value is not a string.
 */
char *config_string(const char *json, const char *key);

/* Writes 'text' to stdout as a quoted JSON string. */
void write_json_string(const char *text);

/* Writes 'text' to stdout escaped for use inside a JSON string, without the quotes. */
void write_json_fragment(const char *text);

#endif
`);

const jsonSource = sourceText(String.raw`
#include "json.h"

#include <stdlib.h>
#include <string.h>

char *read_all(FILE *stream) {
  size_t size = 0;
  size_t capacity = 4096;
  char *buffer = malloc(capacity);
  while (buffer != NULL) {
    size += fread(buffer + size, 1, capacity - size - 1, stream);
    if (size < capacity - 1) {
      buffer[size] = '\0';
      return buffer;
    }
    capacity *= 2;
    char *larger = realloc(buffer, capacity);
    if (larger == NULL) {
      free(buffer);
    }
    buffer = larger;
  }
  return NULL;
}

static const char *skip_space(const char *p) {
  while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r') {
    p++;
  }
  return p;
}

static void put_utf8(char **out, unsigned long code) {
  if (code < 0x80) {
    *(*out)++ = (char)code;
  } else if (code < 0x800) {
    *(*out)++ = (char)(0xC0 | (code >> 6));
    *(*out)++ = (char)(0x80 | (code & 0x3F));
  } else if (code < 0x10000) {
    *(*out)++ = (char)(0xE0 | (code >> 12));
    *(*out)++ = (char)(0x80 | ((code >> 6) & 0x3F));
    *(*out)++ = (char)(0x80 | (code & 0x3F));
  } else {
    *(*out)++ = (char)(0xF0 | (code >> 18));
    *(*out)++ = (char)(0x80 | ((code >> 12) & 0x3F));
    *(*out)++ = (char)(0x80 | ((code >> 6) & 0x3F));
    *(*out)++ = (char)(0x80 | (code & 0x3F));
  }
}

static unsigned long read_hex4(const char *p) {
  char digits[5] = {0};
  memcpy(digits, p, 4);
  return strtoul(digits, NULL, 16);
}

/*
 * Decodes the JSON string starting at 'p' (on its opening quote) into 'out' (NULL to only skip
 * it). Returns the position after the closing quote, or NULL when the string is unterminated.
 */
static const char *read_string(const char *p, char *out) {
  char *write = out;
  for (p++; *p != '"'; p++) {
    if (*p == '\0') {
      return NULL;
    }
    char c = *p;
    if (c == '\\') {
      p++;
      switch (*p) {
        case 'b': c = '\b'; break;
        case 'f': c = '\f'; break;
        case 'n': c = '\n'; break;
        case 'r': c = '\r'; break;
        case 't': c = '\t'; break;
        case 'u': {
          if (strlen(p + 1) < 4) {
            return NULL;
          }
          unsigned long code = read_hex4(p + 1);
          p += 4;
          if (code >= 0xD800 && code < 0xDC00 && p[1] == '\\' && p[2] == 'u' &&
              strlen(p + 3) >= 4) {
            unsigned long low = read_hex4(p + 3);
            code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00);
            p += 6;
          }
          if (write != NULL) {
            put_utf8(&write, code);
          }
          continue;
        }
        case '\0': return NULL;
        default: c = *p; break;
      }
    }
    if (write != NULL) {
      *write++ = c;
    }
  }
  if (write != NULL) {
    *write = '\0';
  }
  return p + 1;
}

/* Skips one JSON value of any kind; returns the position after it, or NULL when malformed. */
static const char *skip_value(const char *p) {
  int depth = 0;
  do {
    p = skip_space(p);
    if (*p == '"') {
      p = read_string(p, NULL);
      if (p == NULL) {
        return NULL;
      }
      continue;
    }
    if (*p == '{' || *p == '[') {
      depth++;
    } else if (*p == '}' || *p == ']') {
      depth--;
    } else if (*p == '\0') {
      return NULL;
    } else if (depth == 0) {
      while (*p != '\0' && *p != ',' && *p != '}' && *p != ']') {
        p++;
      }
      return p;
    }
    p++;
  } while (depth > 0);
  return p;
}

char *config_string(const char *json, const char *key) {
  const char *p = skip_space(json);
  if (*p != '{') {
    return NULL;
  }
  char *name = malloc(strlen(p) + 1);
  for (p = skip_space(p + 1); name != NULL && *p == '"';) {
    p = read_string(p, name);
    if (p == NULL || *(p = skip_space(p)) != ':') {
      break;
    }
    p = skip_space(p + 1);
    if (strcmp(name, key) == 0 && *p == '"') {
      if (read_string(p, name) == NULL) {
        break;
      }
      return name;
    }
    p = skip_value(p);
    if (p == NULL) {
      break;
    }
    p = skip_space(p);
    p = *p == ',' ? skip_space(p + 1) : p;
  }
  free(name);
  return NULL;
}

void write_json_fragment(const char *text) {
  for (const unsigned char *p = (const unsigned char *)text; *p != '\0'; p++) {
    if (*p == '"' || *p == '\\') {
      printf("\\%c", *p);
    } else if (*p < 0x20) {
      printf("\\u%04x", *p);
    } else {
      putchar(*p);
    }
  }
}

void write_json_string(const char *text) {
  putchar('"');
  write_json_fragment(text);
  putchar('"');
}
`);
