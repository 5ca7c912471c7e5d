export { apiDocsPage, apiDocsRoutes, OPENAPI_SPEC_PATH } from "./api-docs.routes";
