/*
 * Translates the sandbox's system-call policy (grader/sandbox/seccomp/seccomp-policy.ts renders it)
 * into the classic-BPF program bubblewrap's --seccomp loads, with libseccomp doing the compiling:
 * it knows every architecture's syscall numbers and the checks a hand-written program forgets.
 *
 * Policy on stdin, one rule a line:
 *   default errno:<n>                                the answer to every call no rule names
 *   allow <syscall> [<arg> <op> <a> [<b>]]           allowed (when the comparison holds)
 *   errno:<n> <syscall>                              refused with this errno
 * <op> is eq, lt, gt, or masked_eq (<a> the mask, <b> the value the masked argument must equal).
 * Rules for one syscall with different comparisons combine with "or".
 *
 * Output on stdout: the BPF program (or, with --pfc, libseccomp's readable rendering of it).
 * Names this libseccomp does not know, or this architecture lacks, are skipped and listed on
 * stderr: under a default that refuses, a call left out stays refused.
 */
#include <errno.h>
#include <seccomp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void fail(const char *what, const char *detail, int code) {
  fprintf(stderr, "export-filter: %s: %s (%s)\n", what, detail, strerror(code < 0 ? -code : code));
  exit(1);
}

static int parse_action(const char *token, uint32_t *action) {
  if (strcmp(token, "allow") == 0) {
    *action = SCMP_ACT_ALLOW;
    return 1;
  }
  if (strncmp(token, "errno:", 6) == 0) {
    char *end = NULL;
    long value = strtol(token + 6, &end, 10);
    if (*end != '\0' || value <= 0 || value > 4095) return 0;
    *action = SCMP_ACT_ERRNO((uint16_t)value);
    return 1;
  }
  return 0;
}

static int parse_op(const char *token, enum scmp_compare *op) {
  if (strcmp(token, "eq") == 0) *op = SCMP_CMP_EQ;
  else if (strcmp(token, "lt") == 0) *op = SCMP_CMP_LT;
  else if (strcmp(token, "gt") == 0) *op = SCMP_CMP_GT;
  else if (strcmp(token, "masked_eq") == 0) *op = SCMP_CMP_MASKED_EQ;
  else return 0;
  return 1;
}

int main(int argc, char **argv) {
  int is_pfc = argc > 1 && strcmp(argv[1], "--pfc") == 0;
  char line[512];
  scmp_filter_ctx ctx = NULL;

  while (fgets(line, sizeof line, stdin) != NULL) {
    char action_token[32], name[64], op_token[16];
    unsigned int arg = 0;
    unsigned long long datum_a = 0, datum_b = 0;
    uint32_t action;
    int fields = sscanf(line, "%31s %63s %u %15s %llu %llu", action_token, name, &arg, op_token, &datum_a, &datum_b);
    if (fields <= 0) continue;

    if (strcmp(action_token, "default") == 0) {
      if (ctx != NULL || fields != 2 || !parse_action(name, &action)) fail("bad default line", line, EINVAL);
      ctx = seccomp_init(action);
      if (ctx == NULL) fail("seccomp_init", name, ENOMEM);
      /* A call made through another ABI (int 0x80 on x86-64, x32 numbers) kills the process. */
      int rc = seccomp_attr_set(ctx, SCMP_FLTATR_ACT_BADARCH, SCMP_ACT_KILL_PROCESS);
      if (rc != 0) fail("seccomp_attr_set", "ACT_BADARCH", rc);
      continue;
    }
    if (ctx == NULL) fail("the first rule must be the default", line, EINVAL);
    if (!parse_action(action_token, &action) || (fields != 2 && fields < 5)) fail("bad rule", line, EINVAL);

    int nr = seccomp_syscall_resolve_name(name);
    if (nr < 0) {
      fprintf(stderr, "skipped %s\n", name);
      continue;
    }
    int rc;
    if (fields == 2) {
      rc = seccomp_rule_add(ctx, action, nr, 0);
    } else {
      enum scmp_compare op;
      if (!parse_op(op_token, &op) || arg > 5) fail("bad comparison", line, EINVAL);
      struct scmp_arg_cmp cmp = {.arg = arg, .op = op, .datum_a = datum_a, .datum_b = datum_b};
      rc = seccomp_rule_add_array(ctx, action, nr, 1, &cmp);
    }
    if (rc != 0) fail("seccomp_rule_add", line, rc);
  }
  if (ctx == NULL) fail("no policy on stdin", "expected a default line", EINVAL);

  int rc = is_pfc ? seccomp_export_pfc(ctx, 1) : seccomp_export_bpf(ctx, 1);
  if (rc != 0) fail("export", is_pfc ? "pfc" : "bpf", rc);
  seccomp_release(ctx);
  return 0;
}
