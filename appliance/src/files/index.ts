export { createUserFolder, userFilesDir } from "./user-folders";
