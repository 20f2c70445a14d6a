import { assertPrice, isCurrencyCode, isJsonObject, toMinor } from 'tillkit/core';
import { badRequest } from '../http/errors.ts';
import { humanId } from '../http/ids.ts';
import {
  optBool,
  optObject,
  optObjectArray,
  optString,
  optStringArray,
  rateText,
  reqString,
  type Body,
} from '../http/validate.ts';
import type { Medium, ProductInput, ProductRow } from '../model/products.ts';

function mediumInput(value: Body, field: string): Medium {
  if ('image' in value && !('url' in value)) {
    throw badRequest('media-invalid', 'This server stores no images: give a medium as {kind, url, name}', field);
  }
  const url = reqString(value, 'url', 2000, `${field}.url`);
  if (!/^(https?:\/\/|\/)/.test(url))
    throw badRequest('media-invalid', `${field}.url must be an http(s) URL or a path`, `${field}.url`);
  const kind = optString(value, 'kind', 50, `${field}.kind`) ?? 'image';
  return { kind, url, name: optString(value, 'name', 200, `${field}.name`) ?? '', human_id: humanId() };
}

/**
 * Reads a product body. `current` is the stored product on update (its currency prices a new `price`);
 * on create, `name`, `price` and `currency` are required.
 */
export function productInput(body: Body, current?: ProductRow): ProductInput {
  const input: ProductInput = {};
  const name = current ? optString(body, 'name', 500) : reqString(body, 'name', 500);
  if (name !== undefined) {
    if (name.trim() === '') throw badRequest('required', 'name can not be empty', 'name');
    input.name = name;
  }
  const currency = body.currency;
  if (currency !== undefined || !current) {
    if (!isCurrencyCode(currency))
      throw badRequest('currency-unknown', 'currency must be an ISO 4217 code such as "EUR"', 'currency');
    input.currency = currency;
  }
  const priceValue = body.price;
  if (priceValue !== undefined || !current) {
    if (typeof priceValue !== 'number') throw badRequest('type-invalid', 'price must be a number', 'price');
    const price = toMinor(priceValue, input.currency ?? current!.currency, 'price');
    assertPrice(price, 'price');
    input.price = price;
  } else if (input.currency && input.currency !== current.currency) {
    throw badRequest('required', 'price is required when the currency changes', 'price');
  }
  const discount = rateText(body.discount, 'discount');
  if (discount !== undefined) input.discount = discount;
  const vat = rateText(body.vat, 'vat');
  if (vat !== undefined) input.vat = vat;
  for (const key of ['description', 'short_description', 'path', 'external_reference'] as const) {
    const value = optString(body, key, key === 'description' ? 20_000 : 2000);
    if (value !== undefined) input[key] = value;
  }
  for (const key of ['main_product', 'active', 'deleted'] as const) {
    const value = optBool(body, key);
    if (value !== undefined) input[key] = value;
  }
  const tags = optStringArray(body, 'tags');
  if (tags !== undefined) input.tags = tags;
  const properties = optObject(body, 'properties');
  if (properties !== undefined) input.properties = properties;
  const media = optObjectArray(body, 'media', 20);
  if (media !== undefined) input.media = media.map((m, i) => mediumInput(m, `media[${i}]`));
  const image = body.image;
  if (image === null) input.image = null;
  else if (typeof image === 'string') input.image = mediumInput({ url: image }, 'image');
  else if (isJsonObject(image)) input.image = mediumInput(image, 'image');
  else if (image !== undefined) throw badRequest('type-invalid', 'image must be a URL or {url, name}', 'image');
  return input;
}
