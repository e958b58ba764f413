import { useId } from 'react';
import { strings } from '../../i18n';
import type { ParamField, ParamValues } from './paramFields';

/** The fields of an action's parameters, each labelled, with its error next to it. */
export function ParamsForm({
  fields,
  values,
  errors,
  onChange,
  disabled,
}: {
  fields: readonly ParamField[];
  values: ParamValues;
  errors: Record<string, string>;
  onChange: (name: string, value: string | boolean) => void;
  disabled: boolean;
}) {
  const prefix = useId();
  return (
    <>
      {fields.map((field) => {
        const id = `${prefix}-${field.name}`;
        const errorId = `${id}-error`;
        const error = errors[field.name];
        const common = {
          id,
          disabled,
          'aria-invalid': error ? true : undefined,
          'aria-describedby': error ? errorId : undefined,
          'aria-required': field.required || undefined,
        } as const;
        const value = values[field.name];
        if (field.kind === 'checkbox') {
          return (
            <div key={field.name} className="field field--check">
              <label>
                <input type="checkbox" {...common} checked={value === true} onChange={(e) => onChange(field.name, e.target.checked)} /> {field.label}
              </label>
            </div>
          );
        }
        return (
          <div key={field.name} className="field">
            <label htmlFor={id}>{field.label}</label>
            {field.kind === 'select' ? (
              <select {...common} value={String(value ?? '')} onChange={(e) => onChange(field.name, e.target.value)}>
                {field.defaultValue === undefined && <option value="">{strings.ai.paramAny}</option>}
                {field.options!.map((o) => (
                  <option key={o.value} value={o.value}>
                    {o.label}
                  </option>
                ))}
              </select>
            ) : field.kind === 'textarea' ? (
              <textarea {...common} rows={3} maxLength={field.maxLength} value={String(value ?? '')} onChange={(e) => onChange(field.name, e.target.value)} />
            ) : (
              <input
                {...common}
                type={field.kind === 'number' ? 'number' : 'text'}
                inputMode={field.kind === 'number' ? 'numeric' : undefined}
                min={field.min}
                max={field.max}
                maxLength={field.maxLength}
                value={String(value ?? '')}
                onChange={(e) => onChange(field.name, e.target.value)}
              />
            )}
            {error && (
              <p id={errorId} className="field__error">
                {error}
              </p>
            )}
          </div>
        );
      })}
    </>
  );
}
