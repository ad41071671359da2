/** The tool's version, part of every cache key. */
export const TOOL_VERSION = '0.1.0';
