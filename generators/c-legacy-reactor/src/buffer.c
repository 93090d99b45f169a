#include "buffer.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A dashboard of this generator is about 20 KiB; start there and double as needed. */
#define INITIAL_CAPACITY (32 * 1024)

static int reserve(struct buffer *buffer, size_t extra) {
  if (buffer->failed) {
    return 0;
  }
  size_t needed = buffer->length + extra + 1;
  if (needed <= buffer->capacity) {
    return 1;
  }
  size_t capacity = buffer->capacity == 0 ? INITIAL_CAPACITY : buffer->capacity;
  while (capacity < needed) {
    capacity *= 2;
  }
  char *data = realloc(buffer->data, capacity);
  if (data == NULL) {
    buffer->failed = 1;
    return 0;
  }
  buffer->data = data;
  buffer->capacity = capacity;
  return 1;
}

static void append_bytes(struct buffer *buffer, const char *bytes, size_t length) {
  if (!reserve(buffer, length)) {
    return;
  }
  memcpy(buffer->data + buffer->length, bytes, length);
  buffer->length += length;
  buffer->data[buffer->length] = '\0';
}

void buffer_append(struct buffer *buffer, const char *text) {
  append_bytes(buffer, text, strlen(text));
}

void buffer_printf(struct buffer *buffer, const char *format, ...) {
  va_list arguments;
  va_start(arguments, format);
  int length = vsnprintf(NULL, 0, format, arguments);
  va_end(arguments);
  if (length < 0 || !reserve(buffer, (size_t)length)) {
    buffer->failed = 1;
    return;
  }
  va_start(arguments, format);
  vsnprintf(buffer->data + buffer->length, (size_t)length + 1, format, arguments);
  va_end(arguments);
  buffer->length += (size_t)length;
}

void buffer_json_string(struct buffer *buffer, const char *text) {
  buffer_append(buffer, "\"");
  for (const unsigned char *at = (const unsigned char *)text; *at != '\0'; at++) {
    if (*at == '"' || *at == '\\') {
      char escaped[3] = {'\\', (char)*at, '\0'};
      buffer_append(buffer, escaped);
    } else if (*at == '\n') {
      buffer_append(buffer, "\\n");
    } else if (*at < 0x20) {
      buffer_printf(buffer, "\\u%04x", *at);
    } else {
      append_bytes(buffer, (const char *)at, 1);
    }
  }
  buffer_append(buffer, "\"");
}
