import shared from "../../tooling/vitest/config.js";

export default shared;
