#include "config.h"

#include <stdio.h>
#include <string.h>

static int fail(struct config *config, const char *message) {
  snprintf(config->error, sizeof config->error, "%s", message);
  return -1;
}

static int add_field(struct config *config, const char *key, const char *value) {
  char message[CONFIG_MAX_ERROR];
  if (config_get(config, key) != NULL) {
    snprintf(message, sizeof message, "config.%.64s appears twice", key);
    return fail(config, message);
  }
  if (config->count == CONFIG_MAX_FIELDS) {
    return fail(config, "config has more than 16 fields");
  }
  if (strlen(key) >= CONFIG_MAX_KEY || strlen(value) >= CONFIG_MAX_VALUE) {
    snprintf(message, sizeof message, "config.%.64s is longer than %d characters", key,
             CONFIG_MAX_VALUE - 1);
    return fail(config, message);
  }
  strcpy(config->keys[config->count], key);
  strcpy(config->values[config->count], value);
  config->count++;
  return 0;
}

const char *config_get(const struct config *config, const char *key) {
  for (int index = 0; index < config->count; index++) {
    if (strcmp(config->keys[index], key) == 0) {
      return config->values[index];
    }
  }
  return NULL;
}

/* ---- key: value lines ---- */

/* Removes trailing blanks (and the \r of CRLF line ends) in place. */
static void trim_end(char *text) {
  size_t length = strlen(text);
  while (length > 0 && (text[length - 1] == ' ' || text[length - 1] == '\t' ||
                        text[length - 1] == '\r')) {
    text[--length] = '\0';
  }
}

static char *trim(char *text) {
  while (*text == ' ' || *text == '\t') {
    text++;
  }
  trim_end(text);
  return text;
}

/* Removes quotes around a value, or a trailing " # comment" from a plain one. */
static void unquote(char *value) {
  size_t length = strlen(value);
  if (length >= 2 && (value[0] == '"' || value[0] == '\'') && value[length - 1] == value[0]) {
    memmove(value, value + 1, length - 2);
    value[length - 2] = '\0';
    return;
  }
  char *comment = strstr(value, " #");
  if (comment != NULL) {
    *comment = '\0';
    trim(value);
  }
}

static int parse_line(char *line, int number, struct config *config) {
  char message[CONFIG_MAX_ERROR];
  if (line[0] == ' ' || line[0] == '\t') {
    snprintf(message, sizeof message,
             "config line %d: nested values are not supported; write flat key: value lines",
             number);
    return fail(config, message);
  }
  char *colon = strstr(line, ": ");
  if (colon == NULL && line[strlen(line) - 1] == ':') {
    colon = line + strlen(line) - 1;
  }
  if (colon == NULL || colon == line) {
    snprintf(message, sizeof message, "config line %d: expected key: value", number);
    return fail(config, message);
  }
  *colon = '\0';
  char *value = trim(colon + 1);
  unquote(value);
  return add_field(config, trim(line), value);
}

static int parse_lines(const char *text, struct config *config) {
  int number = 0;
  while (*text != '\0') {
    number++;
    const char *end = strchr(text, '\n');
    size_t length = end == NULL ? strlen(text) : (size_t)(end - text);
    char line[CONFIG_MAX_KEY + CONFIG_MAX_VALUE + 8];
    if (length >= sizeof line) {
      char message[CONFIG_MAX_ERROR];
      snprintf(message, sizeof message, "config line %d is too long", number);
      return fail(config, message);
    }
    memcpy(line, text, length);
    line[length] = '\0';
    text += end == NULL ? length : length + 1;

    trim_end(line);
    const char *first = line + strspn(line, " \t");
    int is_blank = *first == '\0' || *first == '#' || strcmp(line, "---") == 0;
    if (!is_blank && parse_line(line, number, config) != 0) {
      return -1;
    }
  }
  return 0;
}

/* ---- a flat JSON object of strings ---- */

struct reader {
  const char *at;
  struct config *config;
};

static void skip_space(struct reader *reader) {
  while (*reader->at == ' ' || *reader->at == '\t' || *reader->at == '\n' ||
         *reader->at == '\r') {
    reader->at++;
  }
}

static int read_hex4(struct reader *reader, unsigned *code) {
  *code = 0;
  for (int index = 0; index < 4; index++) {
    char digit = *reader->at++;
    unsigned value = digit >= '0' && digit <= '9'   ? (unsigned)(digit - '0')
                     : digit >= 'a' && digit <= 'f' ? (unsigned)(digit - 'a' + 10)
                     : digit >= 'A' && digit <= 'F' ? (unsigned)(digit - 'A' + 10)
                                                    : 16;
    if (value == 16) {
      return -1;
    }
    *code = *code * 16 + value;
  }
  return 0;
}

/* Appends `code` as UTF-8; returns the bytes written, or 0 when `out` is full. */
static size_t put_utf8(char *out, size_t room, unsigned code) {
  char bytes[4];
  size_t count;
  if (code < 0x80) {
    bytes[0] = (char)code;
    count = 1;
  } else if (code < 0x800) {
    bytes[0] = (char)(0xc0 | (code >> 6));
    bytes[1] = (char)(0x80 | (code & 0x3f));
    count = 2;
  } else if (code < 0x10000) {
    bytes[0] = (char)(0xe0 | (code >> 12));
    bytes[1] = (char)(0x80 | ((code >> 6) & 0x3f));
    bytes[2] = (char)(0x80 | (code & 0x3f));
    count = 3;
  } else {
    bytes[0] = (char)(0xf0 | (code >> 18));
    bytes[1] = (char)(0x80 | ((code >> 12) & 0x3f));
    bytes[2] = (char)(0x80 | ((code >> 6) & 0x3f));
    bytes[3] = (char)(0x80 | (code & 0x3f));
    count = 4;
  }
  if (count >= room) {
    return 0;
  }
  memcpy(out, bytes, count);
  return count;
}

static int read_escape(struct reader *reader, unsigned *code) {
  char escaped = *reader->at++;
  const char *from = "\"\\/bfnrt";
  const char *to = "\"\\/\b\f\n\r\t";
  const char *found = escaped == '\0' ? NULL : strchr(from, escaped);
  if (found != NULL) {
    *code = (unsigned char)to[found - from];
    return 0;
  }
  if (escaped != 'u' || read_hex4(reader, code) != 0) {
    return -1;
  }
  if (*code < 0xd800 || *code > 0xdbff) {
    return 0;
  }
  unsigned low;
  if (reader->at[0] != '\\' || reader->at[1] != 'u') {
    return -1;
  }
  reader->at += 2;
  if (read_hex4(reader, &low) != 0 || low < 0xdc00 || low > 0xdfff) {
    return -1;
  }
  *code = 0x10000 + ((*code - 0xd800) << 10) + (low - 0xdc00);
  return 0;
}

static int read_string(struct reader *reader, char *out, size_t room) {
  size_t length = 0;
  reader->at++;
  while (*reader->at != '"') {
    unsigned code = (unsigned char)*reader->at;
    if (code < 0x20) {
      return fail(reader->config, "config is not valid JSON: unterminated string");
    }
    reader->at++;
    if (code == '\\' && read_escape(reader, &code) != 0) {
      return fail(reader->config, "config is not valid JSON: bad escape in a string");
    }
    size_t written = put_utf8(out + length, room - length, code);
    if (written == 0) {
      return fail(reader->config, "config has a string longer than 511 bytes");
    }
    length += written;
  }
  reader->at++;
  out[length] = '\0';
  return 0;
}

static int read_pair(struct reader *reader) {
  char key[CONFIG_MAX_KEY];
  char value[CONFIG_MAX_VALUE];
  char message[CONFIG_MAX_ERROR];
  if (*reader->at != '"') {
    return fail(reader->config, "config is not valid JSON: expected a quoted key");
  }
  if (read_string(reader, key, sizeof key) != 0) {
    return -1;
  }
  skip_space(reader);
  if (*reader->at != ':') {
    return fail(reader->config, "config is not valid JSON: expected ':' after a key");
  }
  reader->at++;
  skip_space(reader);
  if (*reader->at != '"') {
    snprintf(message, sizeof message, "config.%.64s must be a string", key);
    return fail(reader->config, message);
  }
  if (read_string(reader, value, sizeof value) != 0) {
    return -1;
  }
  return add_field(reader->config, key, value);
}

static int parse_json(const char *text, struct config *config) {
  struct reader reader = {text + 1, config};
  skip_space(&reader);
  if (*reader.at == '}') {
    reader.at++;
  } else {
    for (;;) {
      skip_space(&reader);
      if (read_pair(&reader) != 0) {
        return -1;
      }
      skip_space(&reader);
      char next = *reader.at;
      if (next != ',' && next != '}') {
        return fail(config, "config is not valid JSON: expected ',' or '}'");
      }
      reader.at++;
      if (next == '}') {
        break;
      }
    }
  }
  skip_space(&reader);
  return *reader.at == '\0' ? 0 : fail(config, "config is not valid JSON: text after the '}'");
}

int config_parse(const char *text, struct config *config) {
  memset(config, 0, sizeof *config);
  const char *first = text;
  while (*first == ' ' || *first == '\t' || *first == '\n' || *first == '\r') {
    first++;
  }
  return *first == '{' ? parse_json(first, config) : parse_lines(text, config);
}
