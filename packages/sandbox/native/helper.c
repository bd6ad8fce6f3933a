/*
 * corazy-sandbox-helper: the few steps of starting a sandboxed run that Node cannot do itself.
 *
 *   enter   [--cgroup PROCS_FILE]... [--netns-fd FD] [--keep-fd FD] [--args-fd FD]
 *           [--rlimit NAME=SOFT:HARD]... [--env NAME=VALUE]... --uid UID --gid GID [-- /ABS/PROGRAM [ARG]...]
 *       Runs as root in the worker. Moves itself into the run's cgroups *before* anything
 *       untrusted exists (so no fork can escape accounting), optionally joins a pre-created
 *       empty network namespace (an fd the worker holds open, so a recycled PID can never
 *       point it at another namespace), sets rlimits, closes every descriptor except stdio and
 *       --keep-fd (bubblewrap's status pipe), forks, and in the child drops to the unprivileged
 *       sandbox uid/gid and execs PROGRAM (bubblewrap) with exactly the --env variables. The parent
 *       stays as a subreaper until every descendant is reaped and exits with the child's status
 *       (128+N for signal N). One exec instead of a shell +
 *       prlimit + cgexec chain. With --args-fd the process does the slow part (joining cgroups) at
 *       once, reports {"warm":true} on --keep-fd, then reads the remaining options and the program
 *       as NUL-terminated strings from FD until EOF: the worker keeps one such warm process ready.
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
 *   mount-tmpfs DIR SIZE_BYTES INODES UID GID
 *       Mounts a size- and inode-limited tmpfs for a workspace, nosuid, nodev and nosymfollow
 *       (so host-side path walks never follow a link that user code planted).
 *
 *   unmount DIR
 *       Detaches a workspace tmpfs without following a symlink at DIR.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/syscall.h>
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
#define MAX_ARGS_BYTES (1 << 20)

struct enter_request {
  const char *cgroups[MAX_LIST];
  int cgroup_count;
  struct rlimit_request limits[MAX_LIST];
  int limit_count;
  char *env[MAX_ENV + 1];
  int env_count;
  int netns_fd, keep_fd, args_fd;
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
    if (strcmp(option, "--cgroup") == 0) {
      if (request->cgroup_count == MAX_LIST) die_msg("too many --cgroup");
      request->cgroups[request->cgroup_count++] = value;
    } else if (strcmp(option, "--rlimit") == 0) {
      if (request->limit_count == MAX_LIST) die_msg("too many --rlimit");
      request->limits[request->limit_count++] = parse_rlimit(value);
    } else if (strcmp(option, "--env") == 0) {
      if (request->env_count == MAX_ENV) die_msg("too many --env");
      request->env[request->env_count++] = value;
    } else if (strcmp(option, "--netns-fd") == 0) {
      request->netns_fd = (int)parse_ull(value, "bad --netns-fd");
    } else if (strcmp(option, "--keep-fd") == 0) {
      request->keep_fd = (int)parse_ull(value, "bad --keep-fd");
    } else if (strcmp(option, "--args-fd") == 0) {
      request->args_fd = (int)parse_ull(value, "bad --args-fd");
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

static int run_enter(int argc, char **argv) {
  static struct enter_request request;
  request.netns_fd = request.keep_fd = request.args_fd = -1;
  request.uid = request.gid = -1;
  pid_t worker = getppid();
  /* As root this survives the whole run; if the worker dies it must die too (and bubblewrap after it). */
  if (prctl(PR_SET_PDEATHSIG, SIGKILL) != 0) die("prctl PDEATHSIG");
  if (getppid() != worker) _exit(127);
  parse_enter_options(&request, argc - 2, argv + 2);
  if (request.uid <= 0 || request.gid <= 0) die_msg("--uid and --gid must name an unprivileged user");

  /* Writing "0" to cgroup.procs moves the writer itself; valid on cgroup v1 and v2. Moving a task
   * can wait for an RCU grace period (~10-20 ms), which is why the worker starts this process
   * ahead of time with --args-fd and sends the command only when the run begins. */
  for (int c = 0; c < request.cgroup_count; c++) {
    int fd = open(request.cgroups[c], O_WRONLY | O_CLOEXEC | O_NOFOLLOW);
    if (fd < 0) die("open cgroup.procs");
    if (write(fd, "0", 1) != 1) die("join cgroup");
    close(fd);
  }
  if (request.netns_fd >= 0 && setns(request.netns_fd, CLONE_NEWNET) != 0) die("setns net");
  if (request.args_fd >= 0) {
    if (request.keep_fd >= 0 && write(request.keep_fd, "{\"warm\":true}\n", 14) < 0) die("write ready");
    read_deferred_options(&request);
  }
  if (request.program == NULL) die_msg("no program given");
  /* Stay as the parent and subreaper: bubblewrap's own processes can outlive its monitor when a run is
   * killed, and orphans would otherwise be re-parented to the host's PID 1, which may never reap them
   * (Node as PID 1 in a container does not). */
  if (prctl(PR_SET_CHILD_SUBREAPER, 1) != 0) die("prctl subreaper");
  pid_t child = fork();
  if (child < 0) die("fork");
  if (child == 0) {
    pid_t supervisor = getppid();
    apply_rlimits(request.limits, request.limit_count);
    close_inherited_fds(request.keep_fd);
    if (setgroups(0, NULL) != 0) die("setgroups");
    if (setresgid((gid_t)request.gid, (gid_t)request.gid, (gid_t)request.gid) != 0) die("setresgid");
    if (setresuid((uid_t)request.uid, (uid_t)request.uid, (uid_t)request.uid) != 0) die("setresuid");
    if (setresuid(0, 0, 0) == 0) die_msg("privileges were not dropped");
    /* Set after the uid change, which clears it: if the supervisor dies, bubblewrap dies with it. */
    if (prctl(PR_SET_PDEATHSIG, SIGKILL) != 0) die("prctl PDEATHSIG");
    if (getppid() != supervisor) _exit(127);
    request.env[request.env_count] = NULL;
    execve(request.program[0], request.program, request.env);
    die("exec");
  }
  /* The supervisor keeps no pipe open, so the worker sees EOF as soon as the sandbox is gone. */
  int null_fd = open("/dev/null", O_RDWR | O_CLOEXEC);
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

static int run_mount_tmpfs(int argc, char **argv) {
  if (argc != 7) die_msg("mount-tmpfs DIR SIZE_BYTES INODES UID GID");
  char options[256];
  snprintf(options, sizeof options, "size=%llu,nr_inodes=%llu,mode=0755,uid=%llu,gid=%llu",
           parse_ull(argv[3], "bad size"), parse_ull(argv[4], "bad inode count"),
           parse_ull(argv[5], "bad uid"), parse_ull(argv[6], "bad gid"));
  if (mount("corazy-workspace", argv[2], "tmpfs", MS_NOSUID | MS_NODEV | MS_NOSYMFOLLOW, options) != 0) {
    /* Kernels before 5.10 lack nosymfollow; the host side opens with O_NOFOLLOW anyway. */
    if (errno != EINVAL ||
        mount("corazy-workspace", argv[2], "tmpfs", MS_NOSUID | MS_NODEV, options) != 0) {
      die("mount tmpfs");
    }
  }
  return 0;
}

static int run_unmount(int argc, char **argv) {
  if (argc != 3) die_msg("unmount DIR");
  if (umount2(argv[2], UMOUNT_NOFOLLOW) != 0) {
    if (errno == EBUSY && umount2(argv[2], UMOUNT_NOFOLLOW | MNT_DETACH) == 0) return 0;
    die("umount");
  }
  return 0;
}

int main(int argc, char **argv) {
  if (argc < 2) die_msg("usage: corazy-sandbox-helper enter|measure|hold-netns|mount-tmpfs|unmount ...");
  if (strcmp(argv[1], "enter") == 0) return run_enter(argc, argv);
  if (strcmp(argv[1], "measure") == 0) return run_measure(argc, argv);
  if (strcmp(argv[1], "hold-netns") == 0) return run_hold_netns();
  if (strcmp(argv[1], "mount-tmpfs") == 0) return run_mount_tmpfs(argc, argv);
  if (strcmp(argv[1], "unmount") == 0) return run_unmount(argc, argv);
  die_msg("unknown mode");
  return 127;
}
