/**
 * @module logged-models endpoints
 * Endpoint descriptors of this area (see the API spec).
 */
export {}
