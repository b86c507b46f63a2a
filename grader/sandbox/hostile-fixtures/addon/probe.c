// A tiny N-API addon for the sandbox's native-addon tests: hello() answers a fixed value, so a
// test can tell it really ran, and statPath() reports what native code (a GPU driver's, say) sees
// of a path, beneath node's permission model, which native code never passes through.
#include <errno.h>
#include <node_api.h>
#include <stdio.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>

static napi_value hello(napi_env env, napi_callback_info info) {
  napi_value result;
  napi_create_string_utf8(env, "probe addon loaded", NAPI_AUTO_LENGTH, &result);
  return result;
}

// Returns "char <major>:<minor>", "other", or "errno <n>" for the path given.
static napi_value stat_path(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value argv[1];
  char path[4096];
  size_t length = 0;
  napi_get_cb_info(env, info, &argc, argv, NULL, NULL);
  if (argc < 1 || napi_get_value_string_utf8(env, argv[0], path, sizeof path, &length) != napi_ok) {
    napi_throw_type_error(env, NULL, "statPath takes a path");
    return NULL;
  }
  char answer[64];
  struct stat status;
  if (stat(path, &status) != 0)
    snprintf(answer, sizeof answer, "errno %d", errno);
  else if (S_ISCHR(status.st_mode))
    snprintf(answer, sizeof answer, "char %u:%u", major(status.st_rdev), minor(status.st_rdev));
  else
    snprintf(answer, sizeof answer, "other");
  napi_value result;
  napi_create_string_utf8(env, answer, NAPI_AUTO_LENGTH, &result);
  return result;
}

static napi_value init(napi_env env, napi_value exports) {
  napi_property_descriptor properties[] = {
      {"hello", NULL, hello, NULL, NULL, NULL, napi_default, NULL},
      {"statPath", NULL, stat_path, NULL, NULL, NULL, napi_default, NULL},
  };
  napi_define_properties(env, exports, 2, properties);
  return exports;
}

NAPI_MODULE(NODE_GYP_MODULE_NAME, init)
