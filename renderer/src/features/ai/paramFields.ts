import { format, strings } from '../../i18n';

/** One form field, built from a property of an action's JSON Schema. */
export interface ParamField {
  name: string;
  label: string;
  kind: 'text' | 'textarea' | 'number' | 'select' | 'checkbox';
  required: boolean;
  options?: Array<{ value: string; label: string }>;
  min?: number;
  max?: number;
  maxLength?: number;
  defaultValue?: unknown;
}

export type ParamValues = Record<string, string | boolean>;

interface JsonSchemaProperty {
  type?: string;
  enum?: unknown[];
  default?: unknown;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
}

const humanise = (name: string): string => {
  const words = name.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
};

export function optionLabel(value: string): string {
  return (
    (strings.ai.paramValues as Record<string, string>)[value] ??
    (strings.ai.keyStages as Record<string, string>)[value] ??
    value
  );
}

/** Long free text gets a text area; short text a line; enums a select; numbers a number box. */
export function paramFields(schema: Record<string, unknown>): ParamField[] {
  const properties = (schema.properties ?? {}) as Record<string, JsonSchemaProperty>;
  const required = new Set(Array.isArray(schema.required) ? (schema.required as string[]) : []);
  return Object.entries(properties).map(([name, p]): ParamField => {
    const base = (strings.ai.params as Record<string, string>)[name] ?? humanise(name);
    const isRequired = required.has(name);
    const label = isRequired || p.default !== undefined || p.type === 'boolean' ? base : format(strings.ai.paramOptional, { label: base });
    const field: ParamField = { name, label, required: isRequired, kind: 'text', defaultValue: p.default };
    if (Array.isArray(p.enum)) {
      field.kind = 'select';
      field.options = p.enum.map((v) => ({ value: String(v), label: optionLabel(String(v)) }));
    } else if (p.type === 'integer' || p.type === 'number') {
      field.kind = 'number';
      if (p.minimum !== undefined) field.min = p.minimum;
      if (p.maximum !== undefined) field.max = p.maximum;
    } else if (p.type === 'boolean') {
      field.kind = 'checkbox';
    } else {
      field.kind = (p.maxLength ?? 0) >= 1000 ? 'textarea' : 'text';
      if (p.maxLength !== undefined) field.maxLength = p.maxLength;
    }
    return field;
  });
}

export function initialParamValues(fields: readonly ParamField[]): ParamValues {
  return Object.fromEntries(
    fields.map((f) => [f.name, f.kind === 'checkbox' ? f.defaultValue === true : f.defaultValue === undefined ? '' : String(f.defaultValue)]),
  );
}

/** Form values to action parameters, or a message per field in the teacher's words. */
export function validateParams(
  fields: readonly ParamField[],
  values: ParamValues,
): { ok: true; params: Record<string, unknown> } | { ok: false; errors: Record<string, string> } {
  const params: Record<string, unknown> = {};
  const errors: Record<string, string> = {};
  for (const field of fields) {
    const raw = values[field.name];
    if (field.kind === 'checkbox') {
      params[field.name] = raw === true;
      continue;
    }
    const text = typeof raw === 'string' ? raw.trim() : '';
    if (text === '') {
      if (field.required) errors[field.name] = format(strings.ai.validation.required, { field: field.label });
      continue;
    }
    if (field.kind === 'number') {
      const n = Number(text);
      if (!Number.isInteger(n)) errors[field.name] = strings.ai.validation.number;
      else if (field.min !== undefined && n < field.min) errors[field.name] = format(strings.ai.validation.min, { min: field.min });
      else if (field.max !== undefined && n > field.max) errors[field.name] = format(strings.ai.validation.max, { max: field.max });
      else params[field.name] = n;
      continue;
    }
    if (field.maxLength !== undefined && text.length > field.maxLength) {
      errors[field.name] = format(strings.ai.validation.tooLong, { max: field.maxLength });
      continue;
    }
    params[field.name] = text;
  }
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, params };
}
