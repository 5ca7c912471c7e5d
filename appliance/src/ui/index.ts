export { UI_PUBLIC_ROUTES, uiRoutes } from "./ui.routes";
export { UiService } from "./ui.service";
export { assetFastRoute } from "./ui.fast-route";
