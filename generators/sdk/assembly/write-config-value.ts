// Writes a config value back out as JSON, e.g. to pass part of a config into a panel as it is.
import { ConfigValue, ValueKind } from './config-value';
import { JsonWriter } from './json-writer';

/** Writes `value` with `json`; mapping keys keep the order they were written in. */
export function writeConfigValue(json: JsonWriter, value: ConfigValue): void {
  switch (value.kind) {
    case ValueKind.Null:
      json.null();
      break;
    case ValueKind.Boolean:
      json.boolean(value.boolean);
      break;
    case ValueKind.Number:
      json.number(value.number);
      break;
    case ValueKind.String:
      json.string(value.text);
      break;
    case ValueKind.List:
      json.beginArray();
      for (let index = 0; index < value.items.length; index++) {
        writeConfigValue(json, value.items[index]);
      }
      json.endArray();
      break;
    default:
      json.beginObject();
      for (let index = 0; index < value.keys.length; index++) {
        writeConfigValue(json.key(value.keys[index]), value.values[index]);
      }
      json.endObject();
  }
}
