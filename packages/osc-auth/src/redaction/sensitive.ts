/** What Packer prints in place of a scrubbed value; osc-packer does the same. */
export const sensitive = '<sensitive>';
