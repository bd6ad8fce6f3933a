/*
 * corazy-sandbox-helper: the few steps of starting a sandboxed run that Node cannot do itself.
 *
 *   enter   [--cgroup PROCS_FILE]... [--netns NS_FILE] [--rlimit NAME=SOFT:HARD]...
 *           --uid UID --gid GID -- PROGRAM [ARG]...
 *       Runs as root in the worker. Moves itself into the run's cgroups *before* anything
 *       untrusted exists (so no fork can escape accounting), optionally joins a pre-created
 *       empty network namespace, sets rlimits, drops to the unprivileged sandbox uid/gid and
 *       execs PROGRAM (bubblewrap). One exec instead of a shell + prlimit + cgexec chain.
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

static void close_inherited_fds(void) {
  /* Node marks its own descriptors close-on-exec, but a library or a future change might not:
   * the sandbox must start with stdin/stdout/stderr only. */
  if (syscall(SYS_close_range, 3U, ~0U, 0U) != 0) {
    for (int fd = 3; fd < 1024; fd++) close(fd);
  }
}

static int run_enter(int argc, char **argv) {
  const char *cgroups[MAX_LIST];
  int cgroup_count = 0;
  struct rlimit_request limits[MAX_LIST];
  int limit_count = 0;
  const char *netns = NULL;
  long long uid = -1, gid = -1;
  pid_t worker = getppid();
  int i = 2;
  for (; i < argc; i++) {
    if (strcmp(argv[i], "--") == 0) { i++; break; }
    if (i + 1 >= argc) die_msg("missing option value");
    if (strcmp(argv[i], "--cgroup") == 0) {
      if (cgroup_count == MAX_LIST) die_msg("too many --cgroup");
      cgroups[cgroup_count++] = argv[++i];
    } else if (strcmp(argv[i], "--rlimit") == 0) {
      if (limit_count == MAX_LIST) die_msg("too many --rlimit");
      limits[limit_count++] = parse_rlimit(argv[++i]);
    } else if (strcmp(argv[i], "--netns") == 0) {
      netns = argv[++i];
    } else if (strcmp(argv[i], "--uid") == 0) {
      uid = (long long)parse_ull(argv[++i], "bad --uid");
    } else if (strcmp(argv[i], "--gid") == 0) {
      gid = (long long)parse_ull(argv[++i], "bad --gid");
    } else {
      die_msg("unknown option for enter");
    }
  }
  if (i >= argc) die_msg("no program given");
  if (uid <= 0 || gid <= 0) die_msg("--uid and --gid must name an unprivileged user");

  /* Writing "0" to cgroup.procs moves the writer itself; valid on cgroup v1 and v2. */
  for (int c = 0; c < cgroup_count; c++) {
    int fd = open(cgroups[c], O_WRONLY | O_CLOEXEC | O_NOFOLLOW);
    if (fd < 0) die("open cgroup.procs");
    if (write(fd, "0", 1) != 1) die("join cgroup");
    close(fd);
  }
  if (netns != NULL) {
    int fd = open(netns, O_RDONLY | O_CLOEXEC);
    if (fd < 0) die("open netns");
    if (setns(fd, CLONE_NEWNET) != 0) die("setns net");
    close(fd);
  }
  apply_rlimits(limits, limit_count);
  close_inherited_fds();
  if (setgroups(0, NULL) != 0) die("setgroups");
  if (setresgid((gid_t)gid, (gid_t)gid, (gid_t)gid) != 0) die("setresgid");
  if (setresuid((uid_t)uid, (uid_t)uid, (uid_t)uid) != 0) die("setresuid");
  if (setresuid(0, 0, 0) == 0) die_msg("privileges were not dropped");
  /* Set after the uid change, which clears it: if the worker dies, bubblewrap dies with it. */
  if (prctl(PR_SET_PDEATHSIG, SIGKILL) != 0) die("prctl PDEATHSIG");
  if (getppid() != worker) _exit(127); /* the worker died before PDEATHSIG was armed */
  execvp(argv[i], &argv[i]);
  die("exec");
  return 127;
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
    close_inherited_fds();
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
  if (argc < 2) die_msg("usage: corazy-sandbox-helper enter|measure|mount-tmpfs|unmount ...");
  if (strcmp(argv[1], "enter") == 0) return run_enter(argc, argv);
  if (strcmp(argv[1], "measure") == 0) return run_measure(argc, argv);
  if (strcmp(argv[1], "mount-tmpfs") == 0) return run_mount_tmpfs(argc, argv);
  if (strcmp(argv[1], "unmount") == 0) return run_unmount(argc, argv);
  die_msg("unknown mode");
  return 127;
}
