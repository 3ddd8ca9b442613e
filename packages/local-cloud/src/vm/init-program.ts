import { shQuote } from './sh-quote';

/** Numbers of the system calls the init makes for disks plugged while the VM runs. */
export interface DeviceSyscalls {
  readonly mknodat: number;
  readonly umount2: number;
}

// Linux's numbers per architecture (perl's syscall.ph is not in every userland).
const syscallTable: Readonly<Record<string, DeviceSyscalls>> = {
  x64: { mknodat: 259, umount2: 166 },
  arm64: { mknodat: 33, umount2: 39 },
  riscv64: { mknodat: 33, umount2: 39 },
  loong64: { mknodat: 33, umount2: 39 },
  ia32: { mknodat: 297, umount2: 52 },
  arm: { mknodat: 324, umount2: 52 },
  ppc64: { mknodat: 288, umount2: 52 },
  s390x: { mknodat: 290, umount2: 52 },
};

/** The numbers for `arch` (a `process.arch`), or undefined where local-cloud does not know them. */
export function deviceSyscalls(arch: string = process.arch): DeviceSyscalls | undefined {
  return syscallTable[arch];
}

// pid 1 of the VM: reaps orphans (as an init must) and exits when local-cloud closes its stdin, or dies
// with it; the kernel then kills every process of the VM's PID namespace.
//
// Power requests arrive as systemd's signals (SIGRTMIN+5 reboot, +4 poweroff, +3 halt: what the image's
// `reboot` & co. send) or as the kernel's (reboot(2) in a PID namespace signals its init: SIGHUP to
// restart, SIGINT to power off); the init reports them on stdout as `power <kind>`.
//
// Disks plugged while the VM runs: local-cloud writes `attach <id> <name> <major> <minor>` or
// `detach <id> <name>` on its stdin, and it answers `done <id> ok` (or the error). The init is the one
// process of the VM allowed to make device nodes, and it runs none of the VM's programs to do so: attach
// makes /dev/<name> for a loop device (major 7, nothing else); detach lazily unmounts what the VM mounted
// from it, as when a disk is pulled, and removes the node. $ARGV[0], $ARGV[1]: mknodat and umount2.
const perlInit = `$0 = "init"; $| = 1; my ($mknodat, $umount2) = @ARGV;
$SIG{CHLD} = sub { 1 while waitpid(-1, 1) > 0 };
my %k = (NUM39 => "reboot", NUM38 => "poweroff", NUM37 => "halt", HUP => "reboot", INT => "poweroff");
for my $s (keys %k) { my $v = $k{$s}; $SIG{$s} = sub { print "power $v\\n" }; }
sub attach { my ($name, $major, $minor) = @_;
  return "only loop devices" unless $major == 7 && $mknodat;
  my $dev = (($major & 0xfff) << 8) | ($minor & 0xff) | (($minor & ~0xff) << 12);
  return "$!" if syscall($mknodat, -100, "/dev/$name", 0060660, $dev) != 0;
  my $gid = getgrnam("disk"); chown 0, (defined $gid ? $gid : 0), "/dev/$name"; chmod 0660, "/dev/$name";
  return "ok"; }
sub detach { my ($name) = @_; my @st = lstat("/dev/$name"); return "ok" unless @st;
  my $rdev = $st[6]; my $id = ((($rdev >> 8) & 0xfff) | (($rdev >> 32) & ~0xfff)) . ":" . (($rdev & 0xff) | (($rdev >> 12) & ~0xff));
  my @points; if (open(my $mi, "<", "/proc/self/mountinfo")) { while (<$mi>) { my @f = split / /; push @points, $f[4] if $f[2] eq $id; } }
  for my $p (reverse @points) { $p =~ s/\\\\([0-7]{3})/chr(oct($1))/ge; syscall($umount2, $p, 2) if $umount2; }
  unlink "/dev/$name"; return "ok"; }
my $in = "";
while (1) { my $n = sysread(STDIN, my $b, 4096); next if !defined $n && $!{EINTR}; last unless $n; $in .= $b;
  while ($in =~ s/^([^\\n]*)\\n//) { my $l = $1;
    if ($l =~ /^attach (\\d+) ([a-z][a-z0-9]*) (\\d+) (\\d+)$/) { print "done $1 ", attach($2, $3, $4), "\\n"; }
    elsif ($l =~ /^detach (\\d+) ([a-z][a-z0-9]*)$/) { print "done $1 ", detach($2), "\\n"; } } }`;

// Without perl: a shell that cannot reap nor plug disks, but reports power requests the same way.
const shellInit =
  "trap 'echo power reboot' 39 HUP; trap 'echo power poweroff' 38 INT; trap 'echo power halt' 37; " +
  'while :; do read -r _ && continue; [ $? -gt 128 ] || exit 0; done';

/** The init program a VM's setup script ends with: perl where the userland has it, else a shell. */
export function initCommand(hasPerl: boolean, syscalls: DeviceSyscalls | undefined = deviceSyscalls()): string {
  if (!hasPerl) return `exec sh -c ${shQuote(shellInit)}`;
  return `exec perl -e ${shQuote(perlInit)} ${syscalls?.mknodat ?? 0} ${syscalls?.umount2 ?? 0}`;
}
