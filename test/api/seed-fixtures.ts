/**
 * The response examples of the BuiltOn documentation (../shared/seeds/000, 001, 002), pasted verbatim as
 * the JSON text the API sends. One change: the Orders examples write `"user":{...}` (an elided object,
 * not JSON); it is filled in here with a short expanded user, which the client must read by its `_id`.
 */

/** 000 "Create a User" response. */
export const SEED_000_USER = `{
"roles": ["user"],
"tags": [],
"auth0_id": "some-id",
"mobile_phone_number": "+4712345678",
"billing_address":
{"service": "google",
"alias": " "},
"voucher": {"uuid": "b498e02b-2031-4d84-b55b-b460d22f44b4",
"consumed": 0,
"initial_quantity": 0,
"created": {"$date": 1512383756277},
"expires": {"$date": 1543919756277}},
"_cls": "User",
"created": {"$date": 1512383756277},
"addresses":
[{"zip_code": "0556",
"city": "Danielsen",
"street_name": "Streetname 7",
"country": "Paraguay",
"alias": " ",
"service": "google"}],
"company": {"$oid": "57ee9c71d76d431f8511142f"},
"email": "diehardlover@email.com",
"national_id": "1234567890",
"modified": {"$date": 1512383756279},
"avatar": " ",
"bio": " ",
"stripe_customer_id": " ",
"note": " ",
"first_name": "John",
"_id": {"$oid": "5a25250cd57ba213edcba515"},
"new_customer": true,
"last_name": "McClane",
"last_login": {"$date": 1512383756278},
"deleted": false,
"voucher": {}
}`;

/** 000 "Make an Order" response (items echo the request, without prices). */
export const SEED_000_ORDER = `{
"created": {"$date": 1488475795244},
"company": {"$oid": "586faf7445ed910006373513"},
"delivery_address": {
"city": "Oslo",
"geo": [
59.9294087,
10.7643042
],
"zip_code": "0557",
"street_name": "Christies gate 34A",
"country": "Norway"
},
"billing_address": {
"city": "Oslo",
"geo": [
59.9294087,
10.7643042
],
"zip_code": "0557",
"street_name": "Christies gate 34A",
"country": "Norway"
},
"_id": {"$oid": "58b85693d76d439fdacea41b"},
"total_amount": 40.0,
"delivery_time": {"$date": 1472022000000},
"note": "some type of note",
"total_quantity": 4,
"order_status": "CREATED",
"items": [
{
"product": "5703fce3308714000dea1ff1",
"quantity": 1,
"discount": 0.1
},
{
"product": "5703fcde308714000dea1fe8",
"quantity": 3
}
],
"user": {"$oid": "57ee9c72d76d431f85111432"},
"units": 2,
"delivery_status": "PENDING",
"modified": {"$date": 1488475795244},
"currency": "NOK"
}`;

/** 000 "User adds a card" response. */
export const SEED_000_PAYMENT_METHOD = `{
"company": {
"$oid": "57ee9c71d76d431f8511142f"
},
"created": {
"$date": 1476118043580
},
"_id": {
"$oid": "<payment-method-id>"
},
"modified": {
"$date": 1476118043580
},
"deleted": false,
"user": {
"$oid": "57ee9c72d76d431f85111432"
},
"method": "stripe",
"name": "Stripe",
"customer_id": "cus_CJjTlT4Wci2P0u",
"token": "tok_1Bv5yfEeeXxFpLJtpWYeGYuy",
"card": {
"object": "card",
"address_state": null,
"fingerprint": "npPw68vQg1usKUWb",
"metadata": {},
"exp_year": 2019,
"country": "US",
"last4": "4242",
"address_zip_check": null,
"address_zip": null,
"funding": "credit",
"cvc_check": "unchecked",
"id": "card_1Bv5yfEeeXxFpLJtPBVfQ1wZ",
"tokenization_method": null,
"address_line1": null,
"exp_month": 12,
"brand": "Visa",
"dynamic_last4": null,
"address_country": null,
"address_line2": null,
"address_line1_check": null,
"name": null,
"address_city": null
}
}`;

/** 000 "Pay the order" response. */
export const SEED_000_PAYMENT = `{
"company": {
"$oid": "57ee9c71d76d431f8511142f"
},
"created": {
"$date": 1476118043580
},
"_id": {
"$oid": "<payment-id>"
},
"modified": {
"$date": 1476118043580
},
"deleted": false,
"user": {
"$oid": "57ee9c72d76d431f85111432"
},
"amount": 450.2,
"metadata": {},
"current_state": "created",
"active": true,
"human_id": "51Q4LN",
"currency": "NOK",
"subject": "<order-id>",
"payment_method": "<payment-method-id>",
"payment_date": {
"$date": 147998016470
}
}`;

/** 001 "Create an Order" response (total_amount 40.0). */
export const SEED_001_CREATE = `{
"created": {"$date": 1488475795244},
"company": {"$oid": "586faf7445ed910006373513"},
"delivery_address": {
"city": "Oslo",
"geo": [
59.9294087,
10.7643042
],
"zip_code": "0557",
"street_name": "Christies gate 34A",
"country": "Norway"
},
"billing_address": {
"city": "Oslo",
"geo": [
59.9294087,
10.7643042
],
"zip_code": "0557",
"street_name": "Christies gate 34A",
"country": "Norway"
},
"_id": {"$oid": "58b85693d76d439fdacea41b"},
"total_amount": 40.0,
"delivery_time": {"$date": 1472022000000},
"note": "some type of note",
"total_quantity": 4,
"order_status": "CREATED",
"items": [
{
"product": "5703fce3308714000dea1ff1",
"quantity": 1,
"name": "name of the product",
"price": 20,
"final_price": 10,
"discount": 0.5,
"vat": 0.0,
"currency": "NOK"
},
{
"product": "5703fcde308714000dea1fe8",
"quantity": 3,
"name": "name of the product",
"price": 10,
"final_price": 30,
"discount": 0.0,
"vat": 0.0,
"currency": "NOK"
}
],
"user": {"$oid": "57ee9c72d76d431f85111432"},
"units": 2,
"delivery_status": "PENDING",
"modified": {"$date": 1488475795244},
"currency": "NOK"
}`;

/** 001 "Update an Order" response. */
export const SEED_001_UPDATE = `{
"user": {
"$oid": "5a2fd321ca79e20013ffc7bc"
},
"delivery_status": "PENDING",
"note": "Delivery before 4PM",
"created": {
"$date": 1552311677532
},
"_id": {
"$oid": "5c86657da4e8ad0009430245"
},
"total_quantity": 4,
"modified": {
"$date": 1553673658490
},
"order_status": "CREATED",
"top_up_vat": 0.25,
"delivery_address": {
"street_name": "Christies gate 34A",
"country": "Norway",
"zip_code": "0557",
"alias": "",
"service": "google",
"city": "Oslo",
"geo": [
59.9294087,
10.7643042
]
},
"total_amount": 40,
"billing_address": {
"street_name": "Christies gate 34A",
"country": "Norway",
"zip_code": "0557",
"alias": "",
"service": "google",
"city": "Oslo",
"geo": [
59.9294087,
10.7643042
]
},
"top_up_amount": 0,
"deleted": false,
"items": [
{
"product": {"$oid": "5703fce3308714000dea1ff1"},
"quantity": 1,
"name": "name of the product",
"price": 20,
"final_price": 10,
"discount": 0.5,
"vat": 0.0,
"currency": "NOK"
},
{
"product": "5703fcde308714000dea1fe8",
"quantity": 3,
"name": "name of the product",
"price": 10,
"final_price": 30,
"discount": 0.0,
"vat": 0.0,
"currency": "NOK"
}
],
"units": 2,
"company": {
"$oid": "59ce1e0a9d3bde0006fa45a9"
},
"resources": [],
"payments": [],
"override_company_take": -1,
"human_id": "2DX29Y",
"currency": "NOK",
"accounting_reference": "3533HW7"
}`;

/** 001 "Retrieve an Order" response. */
export const SEED_001_RETRIEVE = `{
"units":1,
"delivery_status":"ACCEPTED",
"currency":"NOK",
"human_id":"51Q4LN",
"payments":[],
"modified":{"$date":1495196003948},
"top_up_amount":0.0,
"order_status":"CREATED",
"company":{"$oid":"591ee15db70e2a10acb65362"},
"billing_address":{
"city":"Danielsen",
"service":"google",
"alias":"",
"country":"Paraguay",
"zip_code":"0556",
"state":"Oslo",
"street_name":"Iversenstien 7"
},
"deliveries":[],
"resources": [],
"items":[
{
"quantity":60,
"product": {"$oid": "5a2948b0d57ba22d228b1767"},
"name": "name of the product",
"price": 20,
"final_price": 120,
"discount": 0.0,
"vat": 0.0,
"currency": "NOK"
}
],
"note":"",
"created":{"$date":1495264401233},
"delivery_address":{
"city":"Danielsen",
"service":"google",
"alias":"",
"country":"Paraguay",
"zip_code":"0556",
"state":"Oslo",
"street_name":"Iversenstien 7"
},
"total_quantity":60,
"_id":{"$oid":"591ee163b70e2a10acb653a7"},
"total_amount":1200.0,
"override_company_take":-1.0,
"user":{"_id":{"$oid":"5a25250cd57ba213edcba515"},"first_name":"John"},
"delivery_time":{"$date":1497009600000}
}`;

/** 001 "List all Orders" response. */
export const SEED_001_LIST = `[
{
"units":1,
"delivery_status":"ACCEPTED",
"currency":"NOK",
"human_id":"51Q4LN",
"payments":[],
"modified":{"$date":1495196003948},
"top_up_amount":0.0,
"order_status":"CREATED",
"company":{"$oid":"591ee15db70e2a10acb65362"},
"billing_address":{
"city":"Danielsen",
"service":"google",
"alias":"",
"country":"Paraguay",
"zip_code":"0556",
"state":"Oslo",
"street_name":"Iversenstien 7"
},
"deliveries":[],
"resources": [],
"items":[
{
"quantity":60,
"product": {"$oid": "5a2948b0d57ba22d228b1767"},
"name": "name of the product",
"price": 20,
"final_price": 120,
"discount": 0.0,
"vat": 0.0,
"currency": "NOK"
}
],
"note":"",
"created":{"$date":1495264401233},
"delivery_address":{
"city":"Danielsen",
"service":"google",
"alias":"",
"country":"Paraguay",
"zip_code":"0556",
"state":"Oslo",
"street_name":"Iversenstien 7"
},
"total_quantity":60,
"_id":{"$oid":"591ee163b70e2a10acb653a7"},
"total_amount":1200.0,
"override_company_take":-1.0,
"user":{"_id":{"$oid":"5a25250cd57ba213edcba515"},"first_name":"John"},
"delivery_time":{"$date":1497009600000}
}
]`;

/** 001 "Cancel an Order" response (order_status "CANCELED"). */
export const SEED_001_CANCEL = `{
"units":1,
"delivery_status":"ACCEPTED",
"currency":"NOK",
"human_id":"51Q4LN",
"payments":[],
"modified":{"$date":1495196003948},
"top_up_amount":0.0,
"order_status":"CANCELED",
"company":{"$oid":"591ee15db70e2a10acb65362"},
"billing_address":{
"city":"Danielsen",
"service":"google",
"alias":"",
"country":"Paraguay",
"zip_code":"0556",
"state":"Oslo",
"street_name":"Iversenstien 7"
},
"deliveries":[],
"resources": [],
"items":[
{
"quantity":60,
"product": {"$oid": "5a2948b0d57ba22d228b1767"},
"name": "name of the product",
"price": 20,
"final_price": 120,
"discount": 0.0,
"vat": 0.0,
"currency": "NOK"
}
],
"note":"",
"created":{"$date":1495264401233},
"delivery_address":{
"city":"Danielsen",
"service":"google",
"alias":"",
"country":"Paraguay",
"zip_code":"0556",
"state":"Oslo",
"street_name":"Iversenstien 7"
},
"total_quantity":60,
"_id":{"$oid":"591ee163b70e2a10acb653a7"},
"total_amount":1200.0,
"override_company_take":-1.0,
"user":{"_id":{"$oid":"5a25250cd57ba213edcba515"},"first_name":"John"},
"delivery_time":{"$date":1497009600000}
}`;

/** 001 "Update Items in an Order" response. */
export const SEED_001_UPDATE_ITEMS = `{
"user": {
"$oid": "5a2fd321ca79e20013ffc7bc"
},
"delivery_status": "PENDING",
"note": "Delivery before 4PM",
"created": {
"$date": 1552311677532
},
"_id": {
"$oid": "5c86657da4e8ad0009430245"
},
"total_quantity": 2,
"modified": {
"$date": 1553674870324
},
"order_status": "CREATED",
"top_up_vat": 0.25,
"delivery_address": {
"street_name": "Christies gate 34A",
"country": "Norway",
"zip_code": "0557",
"alias": "",
"service": "google",
"city": "Oslo",
"geo": [
59.9294087,
10.7643042
]
},
"total_amount": 2100,
"billing_address": {
"street_name": "Christies gate 34A",
"country": "Norway",
"zip_code": "0557",
"alias": "",
"service": "google",
"city": "Oslo",
"geo": [
59.9294087,
10.7643042
]
},
"top_up_amount": 0,
"deleted": false,
"items": [
{
"product": {"$oid": "5a2948b0d57ba22d228b1767"},
"sub_products": [],
"quantity": 2,
"name": "name of the product",
"price": 2100,
"final_price": 2100,
"discount": 0.5,
"vat": 0.0,
"currency": "NOK"
}
],
"units": 1,
"company": {
"$oid": "59ce1e0a9d3bde0006fa45a9"
},
"resources": [],
"payments": [],
"override_company_take": -1,
"human_id": "2DX29Y",
"currency": "NOK",
"accounting_reference": "3533HW7"
}`;

/** 002 "Retrieve a Product" response. */
export const SEED_002_PRODUCT = `{
"_cls":"Product",
"parents":[],
"tags":["fuzz", "Foo", "Bar"],
"price":3.14,
"discount": 0.0,
"final_price": 3.14,
"_sub_products":[],
"deleted":false,
"company_take":-1.0,
"max_distance":0,
"description":"description",
"created":{"$date":1492781492460},
"vat":0.0,
"properties":{},
"active":true,
"name":"Product Name",
"modified":{"$date":1492781492461},
"company":{"$oid":"57ee9c71d76d431f8511142f"},
"currency":"NOK",
"path":"/",
"main_product":true,
"_id":{"$oid":"58f9f856b70e2a56c4a0db3d"},
"business_rules":[],
"default_position":[-1,-1]
}`;

/** 002 "Get List of All Products" response. */
export const SEED_002_LIST = `[
{
"_cls":"Product",
"parents":[],
"tags":["fuzz", "Foo", "Bar"],
"price":3.14,
"discount": 0.0,
"final_price": 3.14,
"_sub_products":[],
"deleted":false,
"company_take":-1.0,
"max_distance":0,
"description":"description",
"created":{"$date":1492781492460},
"vat":0.0,
"properties":{},
"active":true,
"name":"Product Name",
"modified":{"$date":1492781492461},
"company":{"$oid":"57ee9c71d76d431f8511142f"},
"currency":"NOK",
"path":"/",
"main_product":true,
"_id":{"$oid":"58f9f856b70e2a56c4a0db3d"},
"business_rules":[],
"default_position":[-1,-1]
}
]`;

/** 002 "Search Products by Tags" response. */
export const SEED_002_TAGS = `[
{
"_id": {
"$oid": "5a04552cd57ba2056e2f2d7b"
},
"name": "Apple iPhone 5 32GB",
"default_position": [-1, -1],
"max_distance": 0,
"main_product": true,
"tags": [
"name: Apple iPhone 5 32GB",
"model: iPhone 5 32GB",
"brand: Apple",
"type: Phone"
],
"price_change_percentage": 0,
"price": 578,
"discount": 0.0,
"final_price": 578,
"modified": {
"$date": 1511531313212
},
"company": {
"$oid": "59ce1e0a9d3bde0006fa45a9"
},
"path": "/",
"business_rules": [],
"currency": "NOK",
"active": true,
"created": {
"$date": 1510233388436
},
"vat": 0,
"properties": {},
"company_take": -1,
"parents": [],
"_sub_products": [
{
"$oid": "5a181f96d57ba21af74388f3"
}
],
"_cls": "Product",
"deleted": true
},
{
"_id": {
"$oid": "5a04552dd57ba2056e2f2d7c"
},
"name": "Apple iPhone 5 64GB",
"default_position": [
-1,
-1
],
"max_distance": 0,
"main_product": true,
"tags": [
"name: Apple iPhone 5 64GB",
"model: iPhone 5 64GB",
"brand: Apple",
"type: Phone"
],
"price_change_percentage": 0,
"price": 658,
"modified": {
"$date": 1511531316451
},
"company": {
"$oid": "59ce1e0a9d3bde0006fa45a9"
},
"path": "/",
"business_rules": [],
"currency": "NOK",
"active": true,
"created": {
"$date": 1510233389215
},
"vat": 0,
"properties": {},
"company_take": -1,
"parents": [],
"_sub_products": [
{
"$oid": "5a181fa3d57ba21af74388fd"
},
{
"$oid": "5a181fa3d57ba21af74388fe"
}
],
"_cls": "Product",
"deleted": true
}
]`;

/** 002 admin "Create a Product" response (no discount, no final_price). */
export const SEED_002_CREATE = `{
"_id": {"$oid": "5c7fc967383117000d193a91"},
"max_distance":0,
"created":{
"$date":1492777046366
},
"default_position":[-1, -1],
"_cls":"Product",
"description":"",
"modified":{
"$date":1492777046369
},
"_sub_products":[],
"name":"Product Name",
"properties":{},
"price":3.14,
"active":false,
"tags":[],
"vat": 0.15,
"company":{"$oid":"57ee9c71d76d431f8511142f"},
"deleted":false,
"company_take":-1.0,
"parents":[],
"main_product":true,
"currency":"NOK",
"path":"/",
"external_reference": "123456abcd"
}`;

/** 002 "Create a product with Media" response. */
export const SEED_002_MEDIA = `{
"_id": {"$oid": "5c7fc967383117000d193a91"},
"max_distance":0,
"created":{
"$date":1492777046366
},
"default_position":[-1, -1],
"_cls":"Product",
"description":"",
"modified":{
"$date":1492777046369
},
"_sub_products":[],
"name":"awesome product",
"properties":{},
"price":42.42,
"active":false,
"tags":[],
"vat": 0.0,
"company":{"$oid":"57ee9c71d76d431f8511142f"},
"deleted":false,
"company_take":-1.0,
"parents":[],
"main_product":true,
"currency":"NOK",
"path":"/",
"media": [
{
"kind": "image",
"url": "https://unsplash.com/photos/MNFy7m7w9PQ",
"name": "My Awesome Image",
"human_id": "NzpX63"
},
{
"kind": "image",
"url": "https://builton.cdn/images/5a2a837a9bb92800137cb16f",
"name": "Image title",
"human_id": "WapY62"
}
]
}`;

/** 002 "Update a Product with an Image" response (image as {"$oid"}). */
export const SEED_002_IMAGE = `{
"_id": {"$oid": "5c7fc967383117000d193a91"},
"max_distance":0,
"created":{
"$date":1492777046366
},
"default_position":[-1, -1],
"_cls":"Product",
"description":"",
"modified":{
"$date":1492777046369
},
"_sub_products":[],
"name":"Product Name",
"properties":{},
"price":3.14,
"active":false,
"tags":[],
"vat": 0.15,
"company":{"$oid":"57ee9c71d76d431f8511142f"},
"deleted":false,
"company_take":-1.0,
"parents":[],
"main_product":true,
"currency":"NOK",
"path":"/",
"external_reference": "123456abcd",
"image": {
"$oid": "5d1dfd344c5274000bb346d9"
}
}`;

/** 002 "Add a Sub-Product" response. */
export const SEED_002_SUB_PRODUCTS = `{
"_id": {"$oid": "5c7fc967383117000d193a91"},
"max_distance":0,
"created":{
"$date":1492777046366
},
"default_position":[-1, -1],
"_cls":"Product",
"description":"",
"modified":{
"$date":1492777046369
},
"_sub_products":[{"$oid": "5cee4feceec872503d9a17e5"},
{"$oid": "5cee4feceec872503d9a17e7"}],
"name":"Product Name",
"properties":{},
"price":3.14,
"discount": 0.0,
"final_price": 3.14,
"active":false,
"tags":[],
"vat": 0.15,
"company":{"$oid":"57ee9c71d76d431f8511142f"},
"deleted":false,
"company_take":-1.0,
"parents":[],
"main_product":true,
"currency":"NOK",
"path":"/"
}`;
