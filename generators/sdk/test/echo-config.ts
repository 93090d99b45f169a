// A test generator for the SDK's config readers: writes the config it parsed back as JSON,
// so tests can compare it with what a full JSON or YAML parser reads from the same text.
import { JsonWriter, parseConfig, readInput, writeConfigValue, writeOutput } from '../assembly';

const json = new JsonWriter();
writeConfigValue(json, parseConfig(readInput()).value);
writeOutput(json.toString());
