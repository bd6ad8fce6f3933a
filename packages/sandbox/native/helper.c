/*
 * corazy-sandbox-helper: the few steps of starting a sandboxed run that Node cannot do itself.
 *
 *   serve   [--netns-fd FD] [--ro PATH]... --root DIR --tmp-size BYTES --uid UID --gid GID
 *   serve   --engine bubblewrap [--seccomp-fd FD] [--netns-fd FD] --uid UID --gid GID
 *       The fork server of one slot: the worker starts it once, not once per run (a Node spawn of a
 *       large worker costs ~2 ms of CPU, as much as the rest of the sandbox). It joins the slot's empty
 *       network namespace (an fd the worker holds open, so a recycled PID can never point it at
 *       another one; without it, each run makes a new one), then serves requests on stdin and
 *       reports events on stdout (one line each; see serve_requests and serve_spawn):
 *         spawn TOKEN [CGROUP_PROCS_FILE]...  ->  "forked TOKEN PID STDIN STDOUT STDERR STATUS ARGS":
 *             the run's five pipes, the worker's ends of which it opens at /proc/SERVER/fd/N
 *         release TOKEN                       closes the server's copies of those ends
 *         kill TOKEN                          SIGKILLs the run's process if not yet reaped
 *         mount TOKEN DIR BYTES INODES        mounts a workspace tmpfs (see mount_workspace)
 *         unmount TOKEN DIR                   detaches one  ->  "done TOKEN" or "failed TOKEN REASON"
 *         (the server reports)                "exited TOKEN code N" or "exited TOKEN signal N"
 *       Each run's process, forked with its pipes at 0, 1, 2, 4 (status) and 5 (arguments):
 *       1. moves itself into the run's cgroups *before* anything untrusted exists (so no fork can
 *          escape accounting); this can wait ~15 ms for an RCU grace period, which is why the worker
 *          asks for the process ahead of time;
 *       2. reports {"warm":true} on the status pipe and reads the rest of its options (--rlimit,
 *          --env, --box-ro|--box-rw WORKSPACE) and the program as NUL-terminated strings until EOF;
 *       3. unshares mount, PID, IPC, UTS and cgroup namespaces and builds the sandbox's file system
 *          on a fresh tmpfs mounted at DIR (private to this mount namespace): the --ro paths bound
 *          read-only, WORKSPACE at /box, device nodes, fresh size-limited /tmp and /dev/shm;
 *       4. forks the PID namespace's init, which mounts /proc, pivots into the new root, makes it
 *          read-only and forks the program: new session, rlimits, no inherited descriptors, no
 *          capabilities (bounding set included), the unprivileged UID/GID, no_new_privs, a seccomp
 *          filter, exactly the --env variables. The init reports {"child-pid": N} on the status
 *          pipe and exits with the program's status as soon as it ends (the kernel then kills the
 *          rest of the namespace); the run's process exits with the init's status (128+N for
 *          signal N).
 *       No user namespace is involved: root sets everything up and the program never holds a
 *       capability.
 *       With --engine bubblewrap, steps 3 and 4 are bubblewrap's: the program is /ABS/BWRAP with its
 *       options, then -- and the user's program; the run's process only applies the rlimits, drops
 *       to UID/GID and execs it with exactly the --env variables, staying as the subreaper until
 *       every descendant is reaped. With --seccomp-fd FD it hands bwrap the same seccomp filter as
 *       a compiled program on FD (for bwrap's --seccomp FD), applied just before the user's program
 *       starts.
 *
 *   hold-netns
 *       Creates an empty network namespace, prints "ready" and sleeps, so the worker can open
 *       /proc/PID/ns/net once and reuse that namespace for every run of one slot.
 *
 *   measure [--rlimit NAME=SOFT:HARD]... --marker MARKER -- PROGRAM [ARG]...
 *       Runs as PID 1 inside a Docker container. Forks PROGRAM, waits for it, kills every other
 *       process it can signal, reaps them, then writes one line
 *       "\nMARKER{json}\n" with the exit status and rusage to stderr. The parent takes the last
 *       such line: nothing else is alive when it is written, so user code cannot append a forged one.
 *
 *   unmount DIR
 *       Detaches a workspace tmpfs without following a symlink at DIR (the worker sweeps the
 *       workspaces of a dead worker with it, before its own fork servers exist).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <sched.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <stddef.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/signalfd.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#ifndef MS_NOSYMFOLLOW
#define MS_NOSYMFOLLOW 256
#endif
#ifndef UMOUNT_NOFOLLOW
#define UMOUNT_NOFOLLOW 8
#endif

#define MAX_LIST 16

static void die(const char *what) {
  /* Exit code 127 + a "corazy-sandbox-helper:" prefix lets the parent tell setup failures
   * (internal errors) apart from the user's program failing. */
  fprintf(stderr, "corazy-sandbox-helper: %s: %s\n", what, strerror(errno));
  _exit(127);
}

static void die_msg(const char *msg) {
  fprintf(stderr, "corazy-sandbox-helper: %s\n", msg);
  _exit(127);
}

static unsigned long long parse_ull(const char *text, const char *what) {
  char *end = NULL;
  errno = 0;
  unsigned long long value = strtoull(text, &end, 10);
  if (errno != 0 || end == text || *end != '\0') die_msg(what);
  return value;
}

struct rlimit_request {
  int resource;
  struct rlimit limit;
};

static int resource_by_name(const char *name) {
  if (strcmp(name, "cpu") == 0) return RLIMIT_CPU;
  if (strcmp(name, "fsize") == 0) return RLIMIT_FSIZE;
  if (strcmp(name, "nofile") == 0) return RLIMIT_NOFILE;
  if (strcmp(name, "core") == 0) return RLIMIT_CORE;
  if (strcmp(name, "stack") == 0) return RLIMIT_STACK;
  if (strcmp(name, "memlock") == 0) return RLIMIT_MEMLOCK;
  if (strcmp(name, "msgqueue") == 0) return RLIMIT_MSGQUEUE;
  die_msg("unknown rlimit name");
  return -1;
}

/* NAME=SOFT:HARD, where "inf" means RLIM_INFINITY. */
static struct rlimit_request parse_rlimit(char *spec) {
  struct rlimit_request request;
  char *equals = strchr(spec, '=');
  if (equals == NULL) die_msg("--rlimit needs NAME=SOFT:HARD");
  *equals = '\0';
  char *colon = strchr(equals + 1, ':');
  if (colon == NULL) die_msg("--rlimit needs NAME=SOFT:HARD");
  *colon = '\0';
  request.resource = resource_by_name(spec);
  request.limit.rlim_cur =
      strcmp(equals + 1, "inf") == 0 ? RLIM_INFINITY : parse_ull(equals + 1, "bad rlimit soft value");
  request.limit.rlim_max =
      strcmp(colon + 1, "inf") == 0 ? RLIM_INFINITY : parse_ull(colon + 1, "bad rlimit hard value");
  return request;
}

static void apply_rlimits(const struct rlimit_request *limits, int count) {
  for (int i = 0; i < count; i++) {
    if (setrlimit(limits[i].resource, &limits[i].limit) != 0) die("setrlimit");
  }
}

static void close_fd_range(unsigned first, unsigned last) {
  if (first > last) return;
  if (syscall(SYS_close_range, first, last, 0U) != 0) {
    for (unsigned fd = first; fd <= last && fd < 4096; fd++) close((int)fd);
  }
}

/* Node marks its own descriptors close-on-exec, but a library or a future change might not:
 * the sandbox starts with stdin/stdout/stderr (and the status pipe, if any) only. */
static void close_inherited_fds(int keep_fd) {
  if (keep_fd < 3) {
    close_fd_range(3U, ~0U);
  } else {
    close_fd_range(3U, (unsigned)keep_fd - 1U);
    close_fd_range((unsigned)keep_fd + 1U, ~0U);
  }
}

#define MAX_ENV 64
#define MAX_PATHS 32
#define MAX_ARGS_BYTES (1 << 20)
/* The sandbox's own root: a small tmpfs holding only mount points, symlinks and device nodes. */
#define ROOT_TMPFS_OPTIONS "size=1m,nr_inodes=1024,mode=0755"

struct enter_request {
  const char *cgroups[MAX_LIST];
  int cgroup_count;
  struct rlimit_request limits[MAX_LIST];
  int limit_count;
  char *env[MAX_ENV + 1];
  int env_count;
  const char *read_only[MAX_PATHS];
  int read_only_count;
  const char *root;      /* empty root-owned directory: mount point of the sandbox's root tmpfs */
  const char *workspace; /* host directory that becomes /box */
  int workspace_writable;
  unsigned long long tmp_bytes;
  int netns_fd, keep_fd, args_fd;
  int network_joined; /* the fork server joined the slot's network namespace: no new one per run */
  int bubblewrap; /* --engine bubblewrap: the program is bwrap, which builds the namespaces itself */
  int seccomp_fd; /* bubblewrap: where bwrap reads the compiled seccomp filter */
  long long uid, gid;
  char **program; /* NULL until "--" is seen */
};

/* Parses options up to "--"; what follows is the program. Used for argv and for the --args-fd block. */
static void parse_enter_options(struct enter_request *request, int count, char **args) {
  int i = 0;
  for (; i < count; i++) {
    if (strcmp(args[i], "--") == 0) {
      if (i + 1 >= count) die_msg("no program given");
      request->program = &args[i + 1];
      return;
    }
    if (i + 1 >= count) die_msg("missing option value");
    const char *option = args[i];
    char *value = args[++i];
    if (strcmp(option, "--rlimit") == 0) {
      if (request->limit_count == MAX_LIST) die_msg("too many --rlimit");
      request->limits[request->limit_count++] = parse_rlimit(value);
    } else if (strcmp(option, "--env") == 0) {
      if (request->env_count == MAX_ENV) die_msg("too many --env");
      request->env[request->env_count++] = value;
    } else if (strcmp(option, "--ro") == 0) {
      if (request->read_only_count == MAX_PATHS) die_msg("too many --ro");
      if (value[0] != '/') die_msg("--ro needs an absolute path");
      request->read_only[request->read_only_count++] = value;
    } else if (strcmp(option, "--root") == 0) {
      request->root = value;
    } else if (strcmp(option, "--box-ro") == 0 || strcmp(option, "--box-rw") == 0) {
      request->workspace = value;
      request->workspace_writable = strcmp(option, "--box-rw") == 0;
    } else if (strcmp(option, "--tmp-size") == 0) {
      request->tmp_bytes = parse_ull(value, "bad --tmp-size");
    } else if (strcmp(option, "--netns-fd") == 0) {
      request->netns_fd = (int)parse_ull(value, "bad --netns-fd");
    } else if (strcmp(option, "--engine") == 0) {
      if (strcmp(value, "native") != 0 && strcmp(value, "bubblewrap") != 0) die_msg("unknown --engine");
      request->bubblewrap = strcmp(value, "bubblewrap") == 0;
    } else if (strcmp(option, "--seccomp-fd") == 0) {
      request->seccomp_fd = (int)parse_ull(value, "bad --seccomp-fd");
      if (request->seccomp_fd < 3) die_msg("--seccomp-fd must not be stdio");
    } else if (strcmp(option, "--uid") == 0) {
      request->uid = (long long)parse_ull(value, "bad --uid");
    } else if (strcmp(option, "--gid") == 0) {
      request->gid = (long long)parse_ull(value, "bad --gid");
    } else {
      die_msg("unknown option for enter");
    }
  }
}

/* Reads NUL-terminated arguments until EOF: the rest of the command line, sent when the run starts. */
static void read_deferred_options(struct enter_request *request) {
  static char buffer[MAX_ARGS_BYTES];
  static char *args[MAX_ARGS_BYTES / 2];
  size_t length = 0;
  for (;;) {
    ssize_t got = read(request->args_fd, buffer + length, sizeof buffer - length);
    if (got < 0 && errno == EINTR) continue;
    if (got < 0) die("read --args-fd");
    if (got == 0) break;
    length += (size_t)got;
    if (length == sizeof buffer) die_msg("--args-fd block too large");
  }
  close(request->args_fd);
  if (length == 0) _exit(0); /* the worker discarded this warm process */
  if (buffer[length - 1] != '\0') die_msg("--args-fd block must end with NUL");
  int count = 0;
  for (size_t start = 0; start < length; start += strlen(buffer + start) + 1) args[count++] = buffer + start;
  args[count] = NULL;
  parse_enter_options(request, count, args);
}

/* struct mount_attr of <linux/mount.h>, declared here: glibc's <sys/mount.h> and the kernel header clash. */
struct sandbox_mount_attr {
  unsigned long long attr_set, attr_clr, propagation, userns_fd;
};
#define SANDBOX_ATTR_RDONLY 0x1ULL
#define SANDBOX_ATTR_NOSUID 0x2ULL
#define SANDBOX_ATTR_NODEV 0x4ULL
#ifndef SYS_mount_setattr
#define SYS_mount_setattr 442
#endif

static void die_path(const char *what, const char *path) {
  fprintf(stderr, "corazy-sandbox-helper: %s %s: %s\n", what, path, strerror(errno));
  _exit(127);
}

/* Binds SOURCE at TARGET with ATTRS (read-only, nosuid, nodev) applied to every submount in one call
 * (mount_setattr, Linux 5.12). Older kernels get a bind without submounts: they stay hidden, never writable. */
static void bind_mount(const char *source, const char *target, unsigned long long attrs) {
  struct sandbox_mount_attr attr = {.attr_set = attrs};
  if (mount(source, target, NULL, MS_BIND | MS_REC, NULL) != 0) die_path("bind", target);
  if (syscall(SYS_mount_setattr, AT_FDCWD, target, AT_RECURSIVE, &attr, sizeof attr) == 0) return;
  if (errno != ENOSYS) die_path("mount_setattr", target);
  if (umount2(target, MNT_DETACH) != 0 || mount(source, target, NULL, MS_BIND, NULL) != 0)
    die_path("bind", target);
  unsigned long flags = MS_REMOUNT | MS_BIND | ((attrs & SANDBOX_ATTR_RDONLY) ? MS_RDONLY : 0) |
                        ((attrs & SANDBOX_ATTR_NOSUID) ? MS_NOSUID : 0) |
                        ((attrs & SANDBOX_ATTR_NODEV) ? MS_NODEV : 0);
  if (mount(NULL, target, NULL, flags, NULL) != 0) die_path("remount", target);
}

/* mkdir -p for the directories above a path relative to the new root. */
static void make_parents(const char *relative) {
  char path[4096];
  if (snprintf(path, sizeof path, "%s", relative) >= (int)sizeof path) die_msg("path too long");
  for (char *slash = strchr(path, '/'); slash != NULL; slash = strchr(slash + 1, '/')) {
    *slash = '\0';
    if (mkdir(path, 0755) != 0 && errno != EEXIST) die_path("mkdir", path);
    *slash = '/';
  }
}

/* A host path (trusted configuration, not user input) appears read-only at the same place: symlinks are
 * recreated (no mount), directories and files are bound. Missing paths are skipped. */
static void add_read_only(const char *host_path) {
  const char *relative = host_path + 1;
  struct stat stats;
  if (lstat(host_path, &stats) != 0) return;
  make_parents(relative);
  if (S_ISLNK(stats.st_mode)) {
    char target[4096];
    ssize_t length = readlink(host_path, target, sizeof target - 1);
    if (length < 0) die_path("readlink", host_path);
    target[length] = '\0';
    if (symlink(target, relative) != 0) die_path("symlink", relative);
    return;
  }
  if (S_ISDIR(stats.st_mode)) {
    if (mkdir(relative, 0755) != 0 && errno != EEXIST) die_path("mkdir", relative);
  } else {
    int fd = open(relative, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    if (fd < 0) die_path("create", relative);
    close(fd);
  }
  bind_mount(host_path, relative, SANDBOX_ATTR_RDONLY | SANDBOX_ATTR_NOSUID | SANDBOX_ATTR_NODEV);
}

static void mount_tmpfs(const char *target, unsigned long long bytes) {
  char options[64];
  snprintf(options, sizeof options, "size=%llu,mode=1777", bytes);
  if (mkdir(target, 0755) != 0 && errno != EEXIST) die_path("mkdir", target);
  if (mount("tmpfs", target, "tmpfs", MS_NOSUID | MS_NODEV, options) != 0) die_path("mount tmpfs", target);
}

static const struct {
  const char *name;
  unsigned major, minor;
} DEVICES[] = {{"dev/null", 1, 3}, {"dev/zero", 1, 5},    {"dev/full", 1, 7},
               {"dev/random", 1, 8}, {"dev/urandom", 1, 9}, {"dev/tty", 5, 0}};
static const char *const DEVICE_LINKS[][2] = {
    {"/proc/self/fd", "dev/fd"},
    {"/proc/self/fd/0", "dev/stdin"},
    {"/proc/self/fd/1", "dev/stdout"},
    {"/proc/self/fd/2", "dev/stderr"},
};

/* Builds the sandbox's file system under request->root, in the run's own mount namespace: a fresh tmpfs root
 * (read-only once finished), the toolchains bound read-only, the workspace at /box, a minimal /dev with device
 * nodes (no host /dev), and a fresh size-limited tmpfs on /tmp and /dev/shm. Mounts are plain syscalls; nothing
 * re-reads the mount table. */
static void build_root(const struct enter_request *request) {
  /* Nothing done here may reach the host's mount namespace. */
  if (mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) != 0) die("make mounts private");
  if (mount("corazy-root", request->root, "tmpfs", MS_NOSUID, ROOT_TMPFS_OPTIONS) != 0)
    die_path("mount root tmpfs", request->root);
  if (chdir(request->root) != 0) die_path("chdir", request->root);
  mode_t umask_before = umask(0);
  for (int i = 0; i < request->read_only_count; i++) add_read_only(request->read_only[i]);
  if (mkdir("dev", 0755) != 0) die("mkdir dev");
  for (size_t i = 0; i < sizeof DEVICES / sizeof DEVICES[0]; i++) {
    if (mknod(DEVICES[i].name, S_IFCHR | 0666, makedev(DEVICES[i].major, DEVICES[i].minor)) != 0)
      die_path("mknod", DEVICES[i].name);
  }
  for (size_t i = 0; i < sizeof DEVICE_LINKS / sizeof DEVICE_LINKS[0]; i++) {
    if (symlink(DEVICE_LINKS[i][0], DEVICE_LINKS[i][1]) != 0) die_path("symlink", DEVICE_LINKS[i][1]);
  }
  mount_tmpfs("dev/shm", request->tmp_bytes);
  mount_tmpfs("tmp", request->tmp_bytes);
  if (mkdir("proc", 0555) != 0) die("mkdir proc");
  if (mkdir("box", 0755) != 0) die("mkdir box");
  bind_mount(request->workspace, "box",
             SANDBOX_ATTR_NOSUID | SANDBOX_ATTR_NODEV | (request->workspace_writable ? 0 : SANDBOX_ATTR_RDONLY));
  umask(umask_before);
}

#if defined(__x86_64__)
#define SANDBOX_AUDIT_ARCH AUDIT_ARCH_X86_64
#elif defined(__aarch64__)
#define SANDBOX_AUDIT_ARCH AUDIT_ARCH_AARCH64
#else
#error "the seccomp filter knows x86_64 and aarch64 only"
#endif
#define DENY_SYSCALL(nr) BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, (nr), 0, 1), BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | EPERM)

/* A small deny list, not an allow list: no new user namespaces (inside one, unprivileged code reaches kernel
 * paths written for CAP_SYS_ADMIN), and none of the interfaces with a record of kernel exploits that no judged
 * program needs. Everything else is left to the uid, the namespaces and the cgroups. */
static const struct sock_filter SECCOMP_FILTER[] = {
    BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, arch)),
    BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SANDBOX_AUDIT_ARCH, 1, 0),
    /* 32-bit system calls (int 0x80) would bypass every number below. */
    BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_KILL_PROCESS),
    BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr)),
#ifdef __x86_64__
    /* The x32 ABI: the same calls under numbers with bit 30 set. */
    BPF_JUMP(BPF_JMP | BPF_JGE | BPF_K, 0x40000000, 0, 1),
    BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | EPERM),
#endif
    DENY_SYSCALL(__NR_keyctl),
    DENY_SYSCALL(__NR_add_key),
    DENY_SYSCALL(__NR_request_key),
    DENY_SYSCALL(__NR_bpf),
    DENY_SYSCALL(__NR_perf_event_open),
    DENY_SYSCALL(__NR_userfaultfd),
    DENY_SYSCALL(__NR_io_uring_setup),
    DENY_SYSCALL(__NR_syslog),
    /* clone3 passes its flags in memory a filter cannot read; ENOSYS makes libc fall back to clone. */
    BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, __NR_clone3, 0, 1),
    BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | ENOSYS),
    BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, __NR_unshare, 1, 0),
    BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, __NR_clone, 0, 3),
    /* The flags are the first argument of both; CLONE_NEWUSER sits in its low 32 bits. */
    BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, args[0])),
    BPF_JUMP(BPF_JMP | BPF_JSET | BPF_K, CLONE_NEWUSER, 0, 1),
    BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | EPERM),
    BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
};

static void install_seccomp_filter(void) {
  struct sock_fprog program = {.len = (unsigned short)(sizeof SECCOMP_FILTER / sizeof SECCOMP_FILTER[0]),
                               .filter = (struct sock_filter *)SECCOMP_FILTER};
  if (prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &program) != 0) die("seccomp");
}

/* The same filter for bubblewrap's --seccomp FD, which reads a compiled program until EOF: a pipe holds it (a few
 * hundred bytes, far below a pipe's buffer), its write end closed before bwrap starts. */
static void pass_seccomp_filter(int target_fd) {
  int ends[2];
  if (pipe(ends) != 0) die("pipe");
  if (write(ends[1], SECCOMP_FILTER, sizeof SECCOMP_FILTER) != (ssize_t)sizeof SECCOMP_FILTER) die("write filter");
  close(ends[1]);
  if (ends[0] != target_fd) {
    if (dup2(ends[0], target_fd) != target_fd) die("dup2 filter");
    close(ends[0]);
  }
}

static void drop_to_sandbox_user(const struct enter_request *request) {
  if (setgroups(0, NULL) != 0) die("setgroups");
  if (setresgid((gid_t)request->gid, (gid_t)request->gid, (gid_t)request->gid) != 0) die("setresgid");
  if (setresuid((uid_t)request->uid, (uid_t)request->uid, (uid_t)request->uid) != 0) die("setresuid");
  if (setresuid(0, 0, 0) == 0) die_msg("privileges were not dropped");
}

/* PID 2 of the run: becomes the user's program. */
static void run_program(const struct enter_request *request) {
  if (setsid() < 0) die("setsid");
  apply_rlimits(request->limits, request->limit_count);
  close_inherited_fds(-1);
  /* The bounding set goes too, so not even a file capability could hand a capability back. */
  for (int capability = 0; prctl(PR_CAPBSET_DROP, capability, 0, 0, 0) == 0; capability++) {
  }
  drop_to_sandbox_user(request);
  if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0) die("no_new_privs");
  install_seccomp_filter();
  execvpe(request->program[0], request->program, request->env);
  /* Like a shell: a program that cannot start is the submission's failure, not the sandbox's. */
  fprintf(stderr, "%s: %s\n", request->program[0], strerror(errno));
  _exit(127);
}

/* PID 1 of the run's PID namespace: mounts /proc, makes the prepared tree the root, starts the program and
 * exits with its status as soon as it ends; the kernel then kills whatever the program left behind. */
static int run_init(const struct enter_request *request) {
  if (prctl(PR_SET_PDEATHSIG, SIGKILL) != 0) die("prctl PDEATHSIG");
  if (mount("proc", "proc", "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL) != 0) die("mount proc");
  /* cwd is the new root: pivot onto it and detach the host's tree stacked on top (pivot_root(2), NOTES). */
  if (syscall(SYS_pivot_root, ".", ".") != 0) die("pivot_root");
  if (umount2(".", MNT_DETACH) != 0) die("detach the host root");
  if (chdir("/") != 0) die("chdir /");
  if (mount(NULL, "/", NULL, MS_REMOUNT | MS_BIND | MS_RDONLY | MS_NOSUID, NULL) != 0) die("remount / read-only");
  if (chdir("/box") != 0) die("chdir /box");
  pid_t program = fork();
  if (program < 0) die("fork");
  if (program == 0) run_program(request);
  /* The worker's proof that the sandbox was built and the program is starting. */
  if (request->keep_fd >= 0) dprintf(request->keep_fd, "{\"child-pid\": %d}\n", (int)program);
  int null_fd = open("/dev/null", O_RDWR | O_CLOEXEC);
  for (int fd = 0; fd <= 2; fd++) dup2(null_fd, fd);
  close_inherited_fds(-1);
  drop_to_sandbox_user(request);
  /* Not dumpable: the program runs as the same uid but must not ptrace its init. */
  if (prctl(PR_SET_DUMPABLE, 0) != 0 || prctl(PR_SET_PDEATHSIG, SIGKILL) != 0) die("prctl");
  int status = 0;
  for (;;) {
    pid_t reaped = waitpid(-1, &status, 0);
    if (reaped == program) break;
    if (reaped < 0 && errno != EINTR) return 127;
  }
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

/* The bubblewrap engine: bwrap, started as the unprivileged user, builds the namespaces (a user namespace of its
 * own included) and the file system. This process stays as the parent and subreaper: bubblewrap's own processes
 * can outlive its monitor when a run is killed, and orphans would otherwise be re-parented to the host's PID 1,
 * which may never reap them (Node as PID 1 in a container does not). */
static int run_bubblewrap(const struct enter_request *request) {
  if (prctl(PR_SET_CHILD_SUBREAPER, 1) != 0) die("prctl subreaper");
  pid_t child = fork();
  if (child < 0) die("fork");
  if (child == 0) {
    pid_t supervisor = getppid();
    apply_rlimits(request->limits, request->limit_count);
    close_inherited_fds(request->keep_fd);
    if (request->seccomp_fd >= 0) pass_seccomp_filter(request->seccomp_fd);
    drop_to_sandbox_user(request);
    /* Set after the uid change, which clears it: if the supervisor dies, bubblewrap dies with it. */
    if (prctl(PR_SET_PDEATHSIG, SIGKILL) != 0) die("prctl PDEATHSIG");
    if (getppid() != supervisor) _exit(127);
    execve(request->program[0], request->program, request->env);
    die("exec");
  }
  /* The supervisor keeps no pipe open, so the worker sees EOF as soon as the sandbox is gone. */
  int null_fd = open("/dev/null", O_RDWR | O_CLOEXEC);
  if (null_fd < 0) die("open /dev/null");
  for (int fd = 0; fd <= 2; fd++) dup2(null_fd, fd);
  close_inherited_fds(-1);
  int status = 0, child_status = 0;
  for (;;) {
    pid_t reaped = waitpid(-1, &status, 0);
    if (reaped == child) child_status = status;
    if (reaped < 0 && errno == EINTR) continue;
    if (reaped < 0) break;
  }
  return WIFEXITED(child_status) ? WEXITSTATUS(child_status) : 128 + WTERMSIG(child_status);
}

/* One run, in a process the fork server just made: its descriptors are in place (see serve_spawn). */
static int enter_run(struct enter_request *request) {
  /* Writing "0" to cgroup.procs moves the writer itself; valid on cgroup v1 and v2. Moving a task
   * can wait for an RCU grace period (~10-20 ms), which is why the worker asks for this process
   * ahead of time and sends the command only when the run begins. */
  for (int c = 0; c < request->cgroup_count; c++) {
    int fd = open(request->cgroups[c], O_WRONLY | O_CLOEXEC | O_NOFOLLOW);
    if (fd < 0) die("open cgroup.procs");
    if (write(fd, "0", 1) != 1) die("join cgroup");
    close(fd);
  }
  if (write(request->keep_fd, "{\"warm\":true}\n", 14) < 0) die("write ready");
  read_deferred_options(request);
  if (request->program == NULL) die_msg("no program given");
  if (request->bubblewrap) return run_bubblewrap(request);
  if (request->root == NULL || request->workspace == NULL || request->tmp_bytes == 0)
    die_msg("--root, --box-ro or --box-rw, and --tmp-size are required");
  close_inherited_fds(request->keep_fd);
  int null_fd = open("/dev/null", O_RDWR | O_CLOEXEC);
  if (null_fd < 0) die("open /dev/null");

  /* New namespaces for everything below (the network one unless the server joined a slot's). The cgroup namespace
   * makes the run's cgroup the program's root; the PID namespace applies to the next child, the run's init. */
  int namespaces = CLONE_NEWNS | CLONE_NEWPID | CLONE_NEWIPC | CLONE_NEWUTS | CLONE_NEWCGROUP;
  if (unshare(namespaces | (request->network_joined ? 0 : CLONE_NEWNET)) != 0) die("unshare");
  if (sethostname("sandbox", 7) != 0) die("sethostname");
  build_root(request);
  pid_t init = fork();
  if (init < 0) die("fork");
  if (init == 0) _exit(run_init(request));
  /* The supervisor keeps no pipe open, so the worker sees EOF as soon as the sandbox is gone. */
  for (int fd = 0; fd <= 2; fd++) dup2(null_fd, fd);
  close_inherited_fds(-1);
  int status = 0;
  while (waitpid(init, &status, 0) < 0) {
    if (errno != EINTR) return 127;
  }
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

/* A size- and inode-limited tmpfs for a workspace at DIR, nosuid, nodev and nosymfollow (host-side path walks never
 * follow a link that user code planted). Its root is root's, mode 0777: whichever slot's uid runs with it
 * read-write writes there; every other run sees it through a read-only bind. Returns 0 or an errno. */
static int mount_workspace(const char *dir, unsigned long long bytes, unsigned long long inodes) {
  char options[256];
  snprintf(options, sizeof options, "size=%llu,nr_inodes=%llu,mode=0777,uid=0,gid=0", bytes, inodes);
  if (mount("corazy-workspace", dir, "tmpfs", MS_NOSUID | MS_NODEV | MS_NOSYMFOLLOW, options) == 0) return 0;
  /* Kernels before 5.10 lack nosymfollow; the host side opens with O_NOFOLLOW anyway. */
  if (errno == EINVAL && mount("corazy-workspace", dir, "tmpfs", MS_NOSUID | MS_NODEV, options) == 0) return 0;
  return errno;
}

/* Detaches a workspace tmpfs without following a symlink at DIR; everything in it is freed at once. */
static int unmount_workspace(const char *dir) {
  if (umount2(dir, UMOUNT_NOFOLLOW) == 0) return 0;
  if (errno == EBUSY && umount2(dir, UMOUNT_NOFOLLOW | MNT_DETACH) == 0) return 0;
  return errno;
}

static void report_done(unsigned long long token, int error) {
  if (error == 0) dprintf(1, "done %llu\n", token);
  else dprintf(1, "failed %llu %s\n", token, strerror(error));
}

/* The fork server. The runs' descriptors, in each run's process and (until released) in the server. */
enum { RUN_STDIN, RUN_STDOUT, RUN_STDERR, RUN_STATUS, RUN_ARGS, RUN_FD_COUNT };
/* Where a run's process has them: stdio, then the status and the deferred arguments (3 stays free). */
static const int RUN_TARGET_FDS[RUN_FD_COUNT] = {0, 1, 2, 4, 5};
/* Which end of each pipe the run keeps (the worker gets the other): stdin's read end, the others' write ends,
 * the arguments' read end. */
static const int RUN_KEEPS_WRITE_END[RUN_FD_COUNT] = {0, 1, 1, 1, 0};
#define MAX_SERVED_RUNS 256
#define MAX_REQUEST_BYTES 65536

struct served_run {
  unsigned long long token;
  pid_t pid;            /* 0 once reaped */
  int worker_fds[RUN_FD_COUNT]; /* the worker's ends, -1 once released */
  int in_use;
};

static struct served_run served_runs[MAX_SERVED_RUNS];

static struct served_run *find_served(unsigned long long token) {
  for (int i = 0; i < MAX_SERVED_RUNS; i++) {
    if (served_runs[i].in_use && served_runs[i].token == token) return &served_runs[i];
  }
  return NULL;
}

static void release_served(struct served_run *run) {
  for (int i = 0; i < RUN_FD_COUNT; i++) {
    if (run->worker_fds[i] >= 0) close(run->worker_fds[i]);
    run->worker_fds[i] = -1;
  }
  if (run->pid == 0) run->in_use = 0;
}

/* Puts SOURCES at TARGETS and closes every other descriptor. Sources first move above every target, so that no
 * dup2 overwrites a source still to be placed. */
static void install_fds(const int *sources, const int *targets, int count) {
  int moved[RUN_FD_COUNT];
  for (int i = 0; i < count; i++) {
    moved[i] = fcntl(sources[i], F_DUPFD, 16);
    if (moved[i] < 0) die("fcntl F_DUPFD");
  }
  for (int i = 0; i < count; i++) {
    if (dup2(moved[i], targets[i]) != targets[i]) die("dup2");
  }
  for (int fd = 0; fd < 16; fd++) {
    int is_target = 0;
    for (int i = 0; i < count; i++) is_target |= targets[i] == fd;
    if (!is_target) close(fd);
  }
  close_fd_range(16U, ~0U);
}

/* spawn TOKEN [CGROUP_PROCS_FILE]...: makes the run's pipes, forks its process (which joins the cgroups and waits
 * for its arguments) and tells the worker which of the server's descriptors to open (/proc/SERVER/fd/N: a pipe
 * opened there is the same pipe). */
static void serve_spawn(const struct enter_request *base, unsigned long long token, char **cgroups, int cgroup_count,
                        const sigset_t *run_mask) {
  struct served_run *run = NULL;
  for (int i = 0; i < MAX_SERVED_RUNS && run == NULL; i++) {
    if (!served_runs[i].in_use) run = &served_runs[i];
  }
  if (run == NULL || cgroup_count > MAX_LIST) {
    dprintf(1, "spawn-failed %llu too many runs or cgroups\n", token);
    return;
  }
  int run_fds[RUN_FD_COUNT], worker_fds[RUN_FD_COUNT], made = 0;
  for (; made < RUN_FD_COUNT; made++) {
    int ends[2];
    if (pipe2(ends, O_CLOEXEC) != 0) break;
    run_fds[made] = ends[RUN_KEEPS_WRITE_END[made] ? 1 : 0];
    worker_fds[made] = ends[RUN_KEEPS_WRITE_END[made] ? 0 : 1];
  }
  pid_t server = getpid();
  pid_t pid = made == RUN_FD_COUNT ? fork() : -1;
  if (pid == 0) {
    if (sigprocmask(SIG_SETMASK, run_mask, NULL) != 0) die("sigprocmask");
    /* As root this survives the whole run; if the server (and so the worker) dies, the run dies too. */
    if (prctl(PR_SET_PDEATHSIG, SIGKILL) != 0) die("prctl PDEATHSIG");
    if (getppid() != server) _exit(127);
    install_fds(run_fds, RUN_TARGET_FDS, RUN_FD_COUNT);
    static struct enter_request request;
    request = *base;
    for (int c = 0; c < cgroup_count; c++) request.cgroups[request.cgroup_count++] = cgroups[c];
    request.keep_fd = RUN_TARGET_FDS[RUN_STATUS];
    request.args_fd = RUN_TARGET_FDS[RUN_ARGS];
    _exit(enter_run(&request));
  }
  int saved_errno = errno;
  for (int i = 0; i < made; i++) close(run_fds[i]);
  if (pid < 0) {
    for (int i = 0; i < made; i++) close(worker_fds[i]);
    dprintf(1, "spawn-failed %llu %s\n", token, strerror(saved_errno));
    return;
  }
  *run = (struct served_run){.token = token, .pid = pid, .in_use = 1};
  memcpy(run->worker_fds, worker_fds, sizeof worker_fds);
  dprintf(1, "forked %llu %d %d %d %d %d %d\n", token, (int)pid, worker_fds[RUN_STDIN], worker_fds[RUN_STDOUT],
          worker_fds[RUN_STDERR], worker_fds[RUN_STATUS], worker_fds[RUN_ARGS]);
}

static void reap_served(void) {
  int status = 0;
  pid_t pid;
  while ((pid = waitpid(-1, &status, WNOHANG)) > 0) {
    for (int i = 0; i < MAX_SERVED_RUNS; i++) {
      struct served_run *run = &served_runs[i];
      if (!run->in_use || run->pid != pid) continue;
      run->pid = 0;
      if (WIFEXITED(status)) dprintf(1, "exited %llu code %d\n", run->token, WEXITSTATUS(status));
      else dprintf(1, "exited %llu signal %d\n", run->token, WTERMSIG(status));
      /* The worker's ends stay until it releases them: were their numbers reused by a later spawn, a worker still
       * opening this run's descriptors would get that run's pipes. */
      if (run->worker_fds[0] < 0) run->in_use = 0;
    }
  }
}

/* Requests are NUL-separated fields, each request ended by an empty field: "spawn\0TOKEN\0FILE\0...\0\0",
 * "release\0TOKEN\0\0", "kill\0TOKEN\0\0", "mount\0TOKEN\0DIR\0BYTES\0INODES\0\0", "unmount\0TOKEN\0DIR\0\0".
 * Returns the bytes consumed. */
static size_t serve_requests(const struct enter_request *base, char *buffer, size_t length, const sigset_t *run_mask) {
  size_t consumed = 0;
  for (;;) {
    char *fields[MAX_LIST + 3];
    int count = 0;
    size_t position = consumed;
    int complete = 0;
    while (position < length) {
      char *field = buffer + position;
      char *end = memchr(field, '\0', length - position);
      if (end == NULL) break;
      position = (size_t)(end - buffer) + 1;
      if (end == field) {
        complete = 1;
        break;
      }
      if (count == MAX_LIST + 3) die_msg("request has too many fields");
      fields[count++] = field;
    }
    if (!complete) return consumed;
    consumed = position;
    if (count < 2) die_msg("request needs a command and a token");
    unsigned long long token = parse_ull(fields[1], "bad token");
    if (strcmp(fields[0], "spawn") == 0) {
      if (find_served(token) != NULL) die_msg("token in use");
      serve_spawn(base, token, fields + 2, count - 2, run_mask);
    } else if (strcmp(fields[0], "release") == 0) {
      struct served_run *run = find_served(token);
      if (run != NULL) release_served(run);
    } else if (strcmp(fields[0], "mount") == 0 && count == 5) {
      unsigned long long bytes = parse_ull(fields[3], "bad size"), inodes = parse_ull(fields[4], "bad inode count");
      report_done(token, mount_workspace(fields[2], bytes, inodes));
    } else if (strcmp(fields[0], "unmount") == 0 && count == 3) {
      report_done(token, unmount_workspace(fields[2]));
    } else if (strcmp(fields[0], "kill") == 0) {
      /* Only a child not yet reaped: its PID cannot have been reused. */
      struct served_run *run = find_served(token);
      if (run != NULL && run->pid > 0) kill(run->pid, SIGKILL);
    } else {
      die_msg("unknown request");
    }
  }
}

static int run_serve(int argc, char **argv) {
  static struct enter_request base;
  base.netns_fd = base.keep_fd = base.args_fd = base.seccomp_fd = -1;
  base.uid = base.gid = -1;
  pid_t worker = getppid();
  if (prctl(PR_SET_PDEATHSIG, SIGKILL) != 0) die("prctl PDEATHSIG");
  if (getppid() != worker) _exit(127);
  parse_enter_options(&base, argc - 2, argv + 2);
  if (base.uid <= 0 || base.gid <= 0) die_msg("--uid and --gid must name an unprivileged user");
  if (base.program != NULL) die_msg("serve takes the program with each run's arguments");
  /* Joined once: every run of this server (one slot) shares the slot's empty network namespace. */
  if (base.netns_fd >= 0) {
    if (setns(base.netns_fd, CLONE_NEWNET) != 0) die("setns net");
    base.network_joined = 1;
  }
  close_inherited_fds(-1);
  base.netns_fd = -1;

  sigset_t child_signal, run_mask;
  sigemptyset(&child_signal);
  sigaddset(&child_signal, SIGCHLD);
  if (sigprocmask(SIG_BLOCK, &child_signal, &run_mask) != 0) die("sigprocmask");
  int signal_fd = signalfd(-1, &child_signal, SFD_CLOEXEC | SFD_NONBLOCK);
  if (signal_fd < 0) die("signalfd");
  /* The worker parses one line per event; a pipe write of one short line is atomic and this process writes them. */
  dprintf(1, "ready %d\n", (int)getpid());

  static char buffer[MAX_REQUEST_BYTES];
  size_t length = 0;
  for (;;) {
    struct pollfd watched[2] = {{.fd = 0, .events = POLLIN}, {.fd = signal_fd, .events = POLLIN}};
    if (poll(watched, 2, -1) < 0) {
      if (errno == EINTR) continue;
      die("poll");
    }
    if (watched[1].revents & POLLIN) {
      struct signalfd_siginfo info;
      while (read(signal_fd, &info, sizeof info) > 0) {
      }
      reap_served();
    }
    if (watched[0].revents & (POLLIN | POLLHUP | POLLERR)) {
      ssize_t got = read(0, buffer + length, sizeof buffer - length);
      if (got < 0 && errno == EINTR) continue;
      if (got <= 0) break; /* the worker closed the server (or died: PDEATHSIG ends us anyway) */
      length += (size_t)got;
      size_t consumed = serve_requests(&base, buffer, length, &run_mask);
      memmove(buffer, buffer + consumed, length - consumed);
      length -= consumed;
      if (length == sizeof buffer) die_msg("request too large");
    }
  }
  /* Runs still in flight die with their server, as they would with PDEATHSIG. */
  for (int i = 0; i < MAX_SERVED_RUNS; i++) {
    if (served_runs[i].in_use && served_runs[i].pid > 0) kill(served_runs[i].pid, SIGKILL);
  }
  while (waitpid(-1, NULL, 0) > 0 || errno == EINTR) {
  }
  return 0;
}

static long long timeval_us(struct timeval value) {
  return (long long)value.tv_sec * 1000000LL + value.tv_usec;
}

static int run_measure(int argc, char **argv) {
  struct rlimit_request limits[MAX_LIST];
  int limit_count = 0;
  const char *marker = NULL;
  int i = 2;
  for (; i < argc; i++) {
    if (strcmp(argv[i], "--") == 0) { i++; break; }
    if (i + 1 >= argc) die_msg("missing option value");
    if (strcmp(argv[i], "--rlimit") == 0) {
      if (limit_count == MAX_LIST) die_msg("too many --rlimit");
      limits[limit_count++] = parse_rlimit(argv[++i]);
    } else if (strcmp(argv[i], "--marker") == 0) {
      marker = argv[++i];
    } else {
      die_msg("unknown option for measure");
    }
  }
  if (i >= argc || marker == NULL) die_msg("measure needs --marker and a program");
  /* Not dumpable: user code running as the same uid cannot ptrace us and forge the report. */
  prctl(PR_SET_DUMPABLE, 0);
  pid_t child = fork();
  if (child < 0) die("fork");
  if (child == 0) {
    prctl(PR_SET_DUMPABLE, 1);
    apply_rlimits(limits, limit_count);
    close_inherited_fds(-1);
    execvp(argv[i], &argv[i]);
    die("exec");
  }
  int status = 0, child_status = 0;
  for (;;) {
    pid_t reaped = waitpid(-1, &status, 0);
    if (reaped == child) { child_status = status; break; }
    if (reaped < 0 && errno != EINTR) die("waitpid");
  }
  /* Daemonised grandchildren must not outlive the run (or write after the report). */
  kill(-1, SIGKILL);
  while (waitpid(-1, &status, 0) > 0 || errno == EINTR) {}
  struct rusage usage;
  getrusage(RUSAGE_CHILDREN, &usage);
  int exited = WIFEXITED(child_status);
  fprintf(stderr, "\n%s{\"exitCode\":%d,\"signal\":%d,\"cpuUs\":%lld,\"maxRssKb\":%ld}\n", marker,
          exited ? WEXITSTATUS(child_status) : -1, exited ? 0 : WTERMSIG(child_status),
          timeval_us(usage.ru_utime) + timeval_us(usage.ru_stime), usage.ru_maxrss);
  fflush(stderr);
  return 0;
}

static int run_hold_netns(void) {
  if (unshare(CLONE_NEWNET) != 0) die("unshare net");
  if (prctl(PR_SET_PDEATHSIG, SIGKILL) != 0) die("prctl PDEATHSIG");
  printf("ready\n");
  fflush(stdout);
  for (;;) pause();
  return 0;
}

static int run_unmount(int argc, char **argv) {
  if (argc != 3) die_msg("unmount DIR");
  int error = unmount_workspace(argv[2]);
  if (error != 0) {
    errno = error;
    die("umount");
  }
  return 0;
}

int main(int argc, char **argv) {
  if (argc < 2) die_msg("usage: corazy-sandbox-helper serve|measure|hold-netns|unmount ...");
  if (strcmp(argv[1], "serve") == 0) return run_serve(argc, argv);
  if (strcmp(argv[1], "measure") == 0) return run_measure(argc, argv);
  if (strcmp(argv[1], "hold-netns") == 0) return run_hold_netns();
  if (strcmp(argv[1], "unmount") == 0) return run_unmount(argc, argv);
  die_msg("unknown mode");
  return 127;
}
