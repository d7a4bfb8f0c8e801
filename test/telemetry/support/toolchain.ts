// The toolchain resolver is shared by every test (test/support/toolchain.ts).
export { toolchainBinary, toolchainVersion, TOOLCHAIN_HINT } from "../../support/toolchain";
