// @builton/core-sdk ships no types; the compatibility suites drive it as its own tests do.
declare module '@builton/core-sdk' {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const Builton: any;
  export default Builton;
}
