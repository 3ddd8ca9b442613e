/**
 * What a builder hands to provisioners and post-processors about the machine it built (Packer's
 * `generated_data`): `ID`, `Host`, `Port`, `User`, `Password`, `ConnType`, `SSHPublicKey`, `SSHPrivateKey`,
 * `PackerRunUUID`, and builder-specific keys such as `SourceOMI`. Read by `{{ build \`Key\` }}`.
 */
export type GeneratedData = Readonly<Record<string, unknown>>;
