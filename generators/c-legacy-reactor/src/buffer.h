/* A growable text buffer for the dashboard JSON, with JSON string escaping. */
#ifndef DAWG_BUFFER_H
#define DAWG_BUFFER_H

#include <stddef.h>

struct buffer {
  char *data;
  size_t length;
  size_t capacity;
  /* Set once an allocation fails; later appends are ignored. */
  int failed;
};

void buffer_append(struct buffer *buffer, const char *text);
void buffer_printf(struct buffer *buffer, const char *format, ...)
    __attribute__((format(printf, 2, 3)));
/* Appends `text` as a quoted JSON string. */
void buffer_json_string(struct buffer *buffer, const char *text);

#endif
