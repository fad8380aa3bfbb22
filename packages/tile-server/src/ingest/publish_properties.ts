import type { LayerConfig, PropertyType } from '../catalog/catalog_schema.js';
import type { PropertyValue } from './layer_feature.js';

const emptyCells = new Set(['', 'null', 'NULL', '-', 'N/A']);

/**
 * Applies a layer's allow-list: picks each published property from its source field and coerces it to the declared
 * type. Anything not on the list is dropped here, at read time, so it never reaches the index, a tile or a log.
 */
export function publishProperties(layer: LayerConfig, raw: Readonly<Record<string, unknown>>): Record<string, PropertyValue> {
  // A null-prototype object: keys like "__proto__" from a hostile file stay plain data.
  const out: Record<string, PropertyValue> = Object.create(null);
  for (const [name, type] of Object.entries(layer.properties)) {
    // Own keys only: a published name like "toString" must not resolve to Object.prototype.toString.
    const sourceKey = Object.hasOwn(layer.source.fields, name) ? layer.source.fields[name]! : name;
    const value = coerce(Object.hasOwn(raw, sourceKey) ? raw[sourceKey] : undefined, type);
    if (value !== undefined) out[name] = value;
  }
  return out;
}

function coerce(value: unknown, type: PropertyType): PropertyValue | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'string') {
    const text = value.trim().normalize('NFC');
    if (emptyCells.has(text)) return undefined;
    if (type === 'string') return text;
    if (type === 'number') {
      const number = Number(text.replace(/,/g, ''));
      return Number.isFinite(number) ? number : undefined;
    }
    if (/^(true|y|yes|1|o|○)$/i.test(text)) return true;
    if (/^(false|n|no|0|x|×)$/i.test(text)) return false;
    return undefined;
  }
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return undefined;
    return type === 'string' ? String(value) : type === 'number' ? value : value !== 0;
  }
  if (typeof value === 'boolean') return type === 'string' ? String(value) : type === 'number' ? Number(value) : value;
  return undefined;
}
