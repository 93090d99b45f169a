/*
 * c-legacy-reactor: a Prometheus node exporter dashboard for one host, written in C for DAWG's
 * original reactor convention. The module exports generate(); DAWG calls it after
 * _initialize, with the config readable at /dawg/input. generate() returns
 * (pointer << 32) | length of the dashboard JSON in linear memory, or of 'e' followed by
 * {"err":"..."} when the config is wrong.
 *
 * The config is flat: `key: value` lines (as DAWG's original README writes spec.config) or a
 * flat JSON object of strings (as DAWG hands over a spec.config mapping). Fields: instance
 * (required), job (default "node"), title, datasource.
 *
 * Build (Debian: apt-get install clang lld wasi-libc libclang-rt-dev-wasm32), then embed
 * generator.json; node scripts/build-generators.mjs does both:
 *   clang --target=wasm32-wasi -O2 -mexec-model=reactor -Wall -Wextra -Werror \
 *     -Wl,--strip-all -o c-legacy-reactor.wasm src/buffer.c src/config.c src/generator.c
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buffer.h"
#include "config.h"

#define GRID_COLUMNS 24
/* The config of one host is a few lines; more than this is not a config. */
#define MAX_INPUT_BYTES (64 * 1024)
#define MAX_TARGETS 3

enum panel_type { ROW, STAT, TIMESERIES };

struct target_spec {
  /* PromQL in which every '@' stands for the host's label matchers. */
  const char *expr;
  const char *legend;
};

struct panel_spec {
  enum panel_type type;
  const char *title;
  const char *unit;
  int width;
  int height;
  int stacked;
  /* Axis maximum; 0 leaves it to Grafana. */
  double max;
  const char *description;
  struct target_spec targets[MAX_TARGETS];
};

static const char *const known_fields[] = {"instance", "job", "title", "datasource"};

static const struct panel_spec panels[] = {
    {.type = ROW, .title = "Overview"},
    {.type = STAT, .title = "Uptime", .unit = "s", .width = 6, .height = 4,
     .targets = {{"time() - node_boot_time_seconds{@}", ""}}},
    {.type = STAT, .title = "CPU cores", .unit = "none", .width = 6, .height = 4,
     .targets = {{"count(count by (cpu) (node_cpu_seconds_total{@}))", ""}}},
    {.type = STAT, .title = "Memory", .unit = "bytes", .width = 6, .height = 4,
     .targets = {{"node_memory_MemTotal_bytes{@}", ""}}},
    {.type = STAT, .title = "Root filesystem used", .unit = "percentunit", .width = 6,
     .height = 4, .max = 1,
     .targets = {{"1 - node_filesystem_avail_bytes{@,mountpoint=\"/\"}"
                  " / node_filesystem_size_bytes{@,mountpoint=\"/\"}", ""}}},
    {.type = ROW, .title = "CPU and memory"},
    {.type = TIMESERIES, .title = "CPU busy, by mode", .unit = "percentunit", .width = 8,
     .height = 8, .stacked = 1, .max = 1,
     .description = "Share of all cores' time spent outside idle.",
     .targets = {{"sum by (mode) (rate(node_cpu_seconds_total{@,mode!=\"idle\"}"
                  "[$__rate_interval])) / scalar(count(count by (cpu)"
                  " (node_cpu_seconds_total{@})))", "{{mode}}"}}},
    {.type = TIMESERIES, .title = "Load average", .unit = "short", .width = 8, .height = 8,
     .targets = {{"node_load1{@}", "1m"}, {"node_load5{@}", "5m"}, {"node_load15{@}", "15m"}}},
    {.type = TIMESERIES, .title = "Memory used", .unit = "bytes", .width = 8, .height = 8,
     .description = "Total memory minus what the kernel reports as available.",
     .targets = {{"node_memory_MemTotal_bytes{@} - node_memory_MemAvailable_bytes{@}", "used"},
                 {"node_memory_MemTotal_bytes{@}", "total"}}},
    {.type = ROW, .title = "Disks and network"},
    {.type = TIMESERIES, .title = "Filesystem used", .unit = "percentunit", .width = 8,
     .height = 8, .max = 1,
     .targets = {{"1 - node_filesystem_avail_bytes{@,fstype!~\"tmpfs|overlay|squashfs\"}"
                  " / node_filesystem_size_bytes{@,fstype!~\"tmpfs|overlay|squashfs\"}",
                  "{{mountpoint}}"}}},
    {.type = TIMESERIES, .title = "Disk throughput", .unit = "Bps", .width = 8, .height = 8,
     .targets = {{"sum by (device) (rate(node_disk_read_bytes_total{@}[$__rate_interval]))",
                  "{{device}} read"},
                 {"sum by (device) (rate(node_disk_written_bytes_total{@}[$__rate_interval]))",
                  "{{device}} written"}}},
    {.type = TIMESERIES, .title = "Network traffic", .unit = "Bps", .width = 8, .height = 8,
     .targets = {{"sum by (device) (rate(node_network_receive_bytes_total{@,device!=\"lo\"}"
                  "[$__rate_interval]))", "{{device}} received"},
                 {"sum by (device) (rate(node_network_transmit_bytes_total{@,device!=\"lo\"}"
                  "[$__rate_interval]))", "{{device}} sent"}}},
};

struct layout {
  int x;
  int y;
  int line_height;
};

static struct buffer output;

/* Writes `expr` as a JSON string, with each '@' replaced by `selector`. */
static void write_expr(struct buffer *buffer, const char *expr, const char *selector) {
  struct buffer expanded = {0};
  for (const char *at = expr; *at != '\0'; at++) {
    if (*at == '@') {
      buffer_append(&expanded, selector);
    } else {
      char single[2] = {*at, '\0'};
      buffer_append(&expanded, single);
    }
  }
  buffer_json_string(buffer, expanded.failed ? "" : expanded.data);
  buffer->failed |= expanded.failed;
  free(expanded.data);
}

/* Appends `value` as the inside of a PromQL double-quoted string. */
static void append_promql_string(struct buffer *buffer, const char *value) {
  for (const char *at = value; *at != '\0'; at++) {
    if (*at == '"' || *at == '\\') {
      buffer_append(buffer, "\\");
    }
    char single[2] = {*at, '\0'};
    buffer_append(buffer, single);
  }
}

static void place(struct layout *layout, const struct panel_spec *panel, int *x, int *y) {
  int width = panel->type == ROW ? GRID_COLUMNS : panel->width;
  int height = panel->type == ROW ? 1 : panel->height;
  if (panel->type == ROW || layout->x + width > GRID_COLUMNS) {
    layout->y += layout->line_height;
    layout->x = 0;
    layout->line_height = 0;
  }
  *x = layout->x;
  *y = layout->y;
  layout->x += width;
  if (height > layout->line_height) {
    layout->line_height = height;
  }
}

static void write_datasource(struct buffer *buffer) {
  buffer_append(buffer, "\"datasource\":{\"type\":\"prometheus\",\"uid\":\"${datasource}\"}");
}

static void write_field_config(struct buffer *buffer, const struct panel_spec *panel) {
  buffer_printf(buffer, "\"fieldConfig\":{\"defaults\":{\"color\":{\"mode\":\"%s\"},",
                panel->type == STAT ? "thresholds" : "palette-classic");
  if (panel->type == TIMESERIES) {
    buffer_printf(buffer,
                  "\"custom\":{\"axisLabel\":\"\",\"drawStyle\":\"line\",\"fillOpacity\":%d,"
                  "\"lineWidth\":1,\"showPoints\":\"never\",\"spanNulls\":false,"
                  "\"stacking\":{\"group\":\"A\",\"mode\":\"%s\"},"
                  "\"thresholdsStyle\":{\"mode\":\"off\"}},",
                  panel->stacked ? 30 : 10, panel->stacked ? "normal" : "none");
  }
  if (panel->max > 0) {
    buffer_printf(buffer, "\"max\":%g,\"min\":0,", panel->max);
  }
  buffer_append(buffer, "\"thresholds\":{\"mode\":\"absolute\",\"steps\":"
                        "[{\"color\":\"green\",\"value\":null}]},\"unit\":");
  buffer_json_string(buffer, panel->unit);
  buffer_append(buffer, "},\"overrides\":[]},");
}

static void write_options(struct buffer *buffer, enum panel_type type) {
  if (type == STAT) {
    buffer_append(buffer,
                  "\"options\":{\"colorMode\":\"value\",\"graphMode\":\"area\","
                  "\"justifyMode\":\"auto\",\"orientation\":\"auto\",\"reduceOptions\":"
                  "{\"calcs\":[\"lastNotNull\"],\"fields\":\"\",\"values\":false},"
                  "\"textMode\":\"auto\"},");
    return;
  }
  buffer_append(buffer,
                "\"options\":{\"legend\":{\"calcs\":[],\"displayMode\":\"list\","
                "\"placement\":\"bottom\",\"showLegend\":true},"
                "\"tooltip\":{\"mode\":\"multi\",\"sort\":\"desc\"}},");
}

static void write_panel(struct buffer *buffer, const struct panel_spec *panel, int id,
                        struct layout *layout, const char *selector) {
  int x;
  int y;
  place(layout, panel, &x, &y);
  if (panel->type == ROW) {
    buffer_printf(buffer,
                  "{\"collapsed\":false,\"gridPos\":{\"h\":1,\"w\":24,\"x\":0,\"y\":%d},"
                  "\"id\":%d,\"panels\":[],\"title\":",
                  y, id);
    buffer_json_string(buffer, panel->title);
    buffer_append(buffer, ",\"type\":\"row\"}");
    return;
  }
  buffer_append(buffer, "{");
  write_datasource(buffer);
  if (panel->description != NULL) {
    buffer_append(buffer, ",\"description\":");
    buffer_json_string(buffer, panel->description);
  }
  buffer_append(buffer, ",");
  write_field_config(buffer, panel);
  buffer_printf(buffer, "\"gridPos\":{\"h\":%d,\"w\":%d,\"x\":%d,\"y\":%d},\"id\":%d,",
                panel->height, panel->width, x, y, id);
  write_options(buffer, panel->type);
  buffer_append(buffer, "\"targets\":[");
  for (int index = 0; index < MAX_TARGETS && panel->targets[index].expr != NULL; index++) {
    buffer_append(buffer, index == 0 ? "{" : ",{");
    write_datasource(buffer);
    buffer_append(buffer, ",\"editorMode\":\"code\",\"expr\":");
    write_expr(buffer, panel->targets[index].expr, selector);
    buffer_append(buffer, ",\"legendFormat\":");
    buffer_json_string(buffer, panel->targets[index].legend);
    buffer_printf(buffer, ",\"range\":true,\"refId\":\"%c\"}", 'A' + index);
  }
  buffer_append(buffer, "],\"title\":");
  buffer_json_string(buffer, panel->title);
  buffer_printf(buffer, ",\"type\":\"%s\"}", panel->type == STAT ? "stat" : "timeseries");
}

static void write_templating(struct buffer *buffer, const char *datasource) {
  buffer_append(buffer, "\"templating\":{\"list\":[{\"current\":{");
  if (datasource != NULL) {
    buffer_append(buffer, "\"text\":");
    buffer_json_string(buffer, datasource);
    buffer_append(buffer, ",\"value\":");
    buffer_json_string(buffer, datasource);
  }
  buffer_append(buffer, "},\"hide\":0,\"includeAll\":false,\"label\":\"Data source\","
                        "\"multi\":false,\"name\":\"datasource\",\"options\":[],"
                        "\"query\":\"prometheus\",\"refresh\":1,\"regex\":\"\","
                        "\"type\":\"datasource\"}]},");
}

static void write_dashboard(struct buffer *buffer, const struct config *config) {
  const char *instance = config_get(config, "instance");
  const char *job = config_get(config, "job");
  const char *title = config_get(config, "title");
  struct buffer selector = {0};
  buffer_append(&selector, "instance=\"");
  append_promql_string(&selector, instance);
  buffer_append(&selector, "\",job=\"");
  append_promql_string(&selector, job == NULL ? "node" : job);
  buffer_append(&selector, "\"");

  buffer_append(buffer,
                "{\"annotations\":{\"list\":[{\"builtIn\":1,\"datasource\":{\"type\":\"grafana\","
                "\"uid\":\"-- Grafana --\"},\"enable\":true,\"hide\":true,"
                "\"iconColor\":\"rgba(0, 211, 255, 1)\",\"name\":\"Annotations & Alerts\","
                "\"type\":\"dashboard\"}]},\"description\":");
  struct buffer description = {0};
  buffer_printf(&description, "CPU, memory, disks and network of %s, from node exporter.",
                instance);
  buffer_json_string(buffer, description.failed ? "" : description.data);
  buffer->failed |= description.failed;
  free(description.data);
  buffer_append(buffer, ",\"editable\":true,\"fiscalYearStartMonth\":0,\"graphTooltip\":1,"
                        "\"links\":[],\"panels\":[");
  struct layout layout = {0};
  for (size_t index = 0; index < sizeof panels / sizeof panels[0]; index++) {
    if (index > 0) {
      buffer_append(buffer, ",");
    }
    write_panel(buffer, &panels[index], (int)index + 1, &layout,
                selector.failed ? "" : selector.data);
  }
  buffer->failed |= selector.failed;
  free(selector.data);
  buffer_append(buffer, "],\"refresh\":\"30s\",\"schemaVersion\":41,"
                        "\"tags\":[\"linux\",\"node-exporter\"],");
  write_templating(buffer, config_get(config, "datasource"));
  buffer_append(buffer, "\"time\":{\"from\":\"now-6h\",\"to\":\"now\"},\"timepicker\":{},"
                        "\"timezone\":\"browser\",\"title\":");
  if (title != NULL) {
    buffer_json_string(buffer, title);
  } else {
    struct buffer default_title = {0};
    buffer_printf(&default_title, "Host %s", instance);
    buffer_json_string(buffer, default_title.failed ? "" : default_title.data);
    buffer->failed |= default_title.failed;
    free(default_title.data);
  }
  buffer_append(buffer, "}");
}

/* Checks the fields; returns NULL, or a message naming the field that is wrong. */
static const char *check_config(const struct config *config, char *message, size_t size) {
  size_t known_count = sizeof known_fields / sizeof known_fields[0];
  for (int index = 0; index < config->count; index++) {
    size_t known = 0;
    while (known < known_count && strcmp(known_fields[known], config->keys[index]) != 0) {
      known++;
    }
    if (known == known_count) {
      snprintf(message, size,
               "config.%.64s is not a known field; the fields are instance, job, title, "
               "datasource",
               config->keys[index]);
      return message;
    }
  }
  const char *instance = config_get(config, "instance");
  if (instance == NULL || instance[0] == '\0') {
    return "config.instance is required: the host's instance label, e.g. node-1:9100";
  }
  const char *title = config_get(config, "title");
  if (title != NULL && title[0] == '\0') {
    return "config.title must not be empty";
  }
  return NULL;
}

/* Reads all of /dawg/input; returns NULL with `message` set when it cannot. */
static char *read_input(char *message, size_t size) {
  FILE *file = fopen("/dawg/input", "rb");
  if (file == NULL) {
    snprintf(message, size, "cannot open /dawg/input, where DAWG puts the config");
    return NULL;
  }
  char *text = malloc(MAX_INPUT_BYTES + 1);
  size_t length = text == NULL ? 0 : fread(text, 1, MAX_INPUT_BYTES + 1, file);
  fclose(file);
  if (text == NULL || length > MAX_INPUT_BYTES) {
    snprintf(message, size, "config is larger than %d bytes", MAX_INPUT_BYTES);
    free(text);
    return NULL;
  }
  text[length] = '\0';
  return text;
}

static void write_error(struct buffer *buffer, const char *message) {
  buffer->length = 0;
  buffer->failed = 0;
  buffer_append(buffer, "e{\"err\":");
  buffer_json_string(buffer, message);
  buffer_append(buffer, "}");
}

static uint64_t result_of(const struct buffer *buffer) {
  static const char out_of_memory[] = "e{\"err\":\"out of memory while writing the dashboard\"}";
  if (buffer->failed || buffer->data == NULL) {
    return ((uint64_t)(uintptr_t)out_of_memory << 32) | (sizeof out_of_memory - 1);
  }
  return ((uint64_t)(uintptr_t)buffer->data << 32) | buffer->length;
}

__attribute__((export_name("generate"))) uint64_t generate(void) {
  static struct config config;
  char message[CONFIG_MAX_ERROR];
  char *input = read_input(message, sizeof message);
  if (input == NULL) {
    write_error(&output, message);
    return result_of(&output);
  }

  int parsed = config_parse(input, &config);
  free(input);
  const char *problem =
      parsed != 0 ? config.error : check_config(&config, message, sizeof message);
  if (problem != NULL) {
    write_error(&output, problem);
    return result_of(&output);
  }

  output.length = 0;
  write_dashboard(&output, &config);
  return result_of(&output);
}
