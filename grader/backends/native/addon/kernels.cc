// Gradient's native CPU kernels for TensorFlow.js: convolutions, their two gradients and matrix
// products on oneDNN (the library under PyTorch's CPU convolutions), pooling and its gradients as
// plain loops. Every function reads and writes Float32Arrays the caller owns (views on the wasm
// backend's heap), so no tensor is copied on its way in or out.
//
// Geometry arrives as one Int32Array, laid out as tfjs's Conv2DInfo names it (CONV_* below), so the
// JavaScript side stays the single place that interprets padding and rounding rules.
#include <node_api.h>
#include <omp.h>

#include <algorithm>
#include <cfloat>
#include <cstdint>
#include <cstring>
#include <map>
#include <tuple>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include <oneapi/dnnl/dnnl.hpp>

namespace {

using dnnl::algorithm;
using dnnl::memory;
using dnnl::prop_kind;
using tag = dnnl::memory::format_tag;
using dt = dnnl::memory::data_type;

enum ConvParam {
  CONV_BATCH,
  CONV_IN_HEIGHT,
  CONV_IN_WIDTH,
  CONV_IN_CHANNELS,
  CONV_OUT_HEIGHT,
  CONV_OUT_WIDTH,
  CONV_OUT_CHANNELS,
  CONV_FILTER_HEIGHT,
  CONV_FILTER_WIDTH,
  CONV_STRIDE_HEIGHT,
  CONV_STRIDE_WIDTH,
  CONV_DILATION_HEIGHT,
  CONV_DILATION_WIDTH,
  CONV_PAD_TOP,
  CONV_PAD_LEFT,
  CONV_PAD_BOTTOM,
  CONV_PAD_RIGHT,
  CONV_PARAM_COUNT
};

struct Buffer {
  float* data = nullptr;
  size_t length = 0;
};

dnnl::engine& cpuEngine() {
  static dnnl::engine engine(dnnl::engine::kind::cpu, 0);
  return engine;
}

dnnl::stream& cpuStream() {
  static dnnl::stream stream(cpuEngine());
  return stream;
}

// Node calls kernels from one thread per addon instance; the mutex only guards the primitive
// caches against worker threads that load the addon too.
std::mutex cacheMutex;

// The thread count setThreads() asked for. A kernel of little work loses more to waking a second
// thread than it gains (measured: an LSTM of 64 units trained 25% slower on two threads than on
// one), so each kernel uses them all only above PARALLEL_WORK multiply-adds or element operations.
int configuredThreads = 1;
constexpr double PARALLEL_WORK = 1 << 21;

/** Sets OpenMP's count for the kernel about to be created and run, and returns it for cache keys. */
int useThreadsFor(double work) {
  const int threads = work >= PARALLEL_WORK ? configuredThreads : 1;
  if (omp_get_max_threads() != threads) omp_set_num_threads(threads);
  return threads;
}

bool throwError(napi_env env, const std::string& message) {
  napi_throw_error(env, "ERR_GRADIENT_NATIVE", message.c_str());
  return false;
}

bool readFloat32(napi_env env, napi_value value, Buffer* out, const char* name) {
  bool isTypedArray = false;
  napi_is_typedarray(env, value, &isTypedArray);
  if (!isTypedArray) return throwError(env, std::string(name) + " must be a Float32Array");
  napi_typedarray_type type;
  size_t length = 0;
  void* data = nullptr;
  if (napi_get_typedarray_info(env, value, &type, &length, &data, nullptr, nullptr) != napi_ok ||
      type != napi_float32_array)
    return throwError(env, std::string(name) + " must be a Float32Array");
  out->data = static_cast<float*>(data);
  out->length = length;
  return true;
}

bool readInt32(napi_env env, napi_value value, std::vector<int32_t>* out, size_t expected, const char* name) {
  napi_typedarray_type type;
  size_t length = 0;
  void* data = nullptr;
  bool isTypedArray = false;
  napi_is_typedarray(env, value, &isTypedArray);
  if (!isTypedArray || napi_get_typedarray_info(env, value, &type, &length, &data, nullptr, nullptr) != napi_ok ||
      type != napi_int32_array || length != expected)
    return throwError(env, std::string(name) + " must be an Int32Array of " + std::to_string(expected));
  const int32_t* values = static_cast<const int32_t*>(data);
  out->assign(values, values + length);
  for (int32_t v : *out)
    if (v < 0) return throwError(env, std::string(name) + " holds a negative size");
  return true;
}

bool argumentsOf(napi_env env, napi_callback_info info, size_t expected, napi_value* argv) {
  size_t argc = expected;
  napi_get_cb_info(env, info, &argc, argv, nullptr, nullptr);
  if (argc != expected) return throwError(env, "expected " + std::to_string(expected) + " arguments");
  return true;
}

bool checkLength(napi_env env, const Buffer& buffer, size_t expected, const char* name) {
  if (buffer.length != expected)
    return throwError(env, std::string(name) + " holds " + std::to_string(buffer.length) + " values, not " +
                               std::to_string(expected));
  return true;
}

std::string keyOf(const char* kind, const std::vector<int32_t>& params) {
  std::string key(kind);
  for (int32_t v : params) key += "," + std::to_string(v);
  return key;
}

// ---- Convolutions ---------------------------------------------------------------------------

struct ConvShapes {
  memory::desc src, weights, dst;
  memory::dims strides, dilations, padLeft, padRight;
};

ConvShapes convShapes(const std::vector<int32_t>& p, tag weightsTag) {
  memory::dims src = {p[CONV_BATCH], p[CONV_IN_CHANNELS], p[CONV_IN_HEIGHT], p[CONV_IN_WIDTH]};
  memory::dims weights = {p[CONV_OUT_CHANNELS], p[CONV_IN_CHANNELS], p[CONV_FILTER_HEIGHT], p[CONV_FILTER_WIDTH]};
  memory::dims dst = {p[CONV_BATCH], p[CONV_OUT_CHANNELS], p[CONV_OUT_HEIGHT], p[CONV_OUT_WIDTH]};
  return {
      memory::desc(src, dt::f32, tag::nhwc),
      memory::desc(weights, dt::f32, weightsTag),
      memory::desc(dst, dt::f32, tag::nhwc),
      {p[CONV_STRIDE_HEIGHT], p[CONV_STRIDE_WIDTH]},
      // oneDNN counts dilation from 0 (no gaps); TensorFlow from 1.
      {p[CONV_DILATION_HEIGHT] - 1, p[CONV_DILATION_WIDTH] - 1},
      {p[CONV_PAD_TOP], p[CONV_PAD_LEFT]},
      {p[CONV_PAD_BOTTOM], p[CONV_PAD_RIGHT]},
  };
}

// The filter lives in TensorFlow's HWIO order; oneDNN's fastest kernels want a blocked layout of
// their own choosing, so each primitive reorders the filter into that layout (a small copy,
// compared with the activations) and back for the filter gradient.
struct ConvForward {
  dnnl::convolution_forward::primitive_desc pd;
  dnnl::convolution_forward primitive;
  dnnl::reorder weightsIn;
  bool hasBias;
};

struct ConvBackwardData {
  dnnl::convolution_backward_data::primitive_desc pd;
  dnnl::convolution_backward_data primitive;
  dnnl::reorder weightsIn;
};

struct ConvBackwardWeights {
  dnnl::convolution_backward_weights::primitive_desc pd;
  dnnl::convolution_backward_weights primitive;
  dnnl::reorder weightsOut;
};

dnnl::reorder reorderBetween(const memory::desc& from, const memory::desc& to) {
  return dnnl::reorder(dnnl::reorder::primitive_desc(cpuEngine(), from, cpuEngine(), to));
}

dnnl::convolution_forward::primitive_desc forwardHint(const ConvShapes& s, bool withBias, bool withRelu) {
  memory::desc anyWeights(s.weights.dims(), dt::f32, tag::any);
  dnnl::primitive_attr attr;
  if (withRelu) {
    dnnl::post_ops ops;
    ops.append_eltwise(1.f, algorithm::eltwise_relu, 0.f, 0.f);
    attr.set_post_ops(ops);
  }
  if (withBias) {
    memory::desc bias({s.dst.dims()[1]}, dt::f32, tag::x);
    dnnl::convolution_forward::desc d(prop_kind::forward_training, algorithm::convolution_direct, s.src, anyWeights,
                                      bias, s.dst, s.strides, s.dilations, s.padLeft, s.padRight);
    return dnnl::convolution_forward::primitive_desc(d, attr, cpuEngine());
  }
  dnnl::convolution_forward::desc d(prop_kind::forward_training, algorithm::convolution_direct, s.src, anyWeights,
                                    s.dst, s.strides, s.dilations, s.padLeft, s.padRight);
  return dnnl::convolution_forward::primitive_desc(d, attr, cpuEngine());
}

std::map<std::string, std::shared_ptr<ConvForward>> forwardCache;
std::map<std::string, std::shared_ptr<ConvBackwardData>> backwardDataCache;
std::map<std::string, std::shared_ptr<ConvBackwardWeights>> backwardWeightsCache;

double convWork(const std::vector<int32_t>& p) {
  return double(p[CONV_BATCH]) * p[CONV_OUT_HEIGHT] * p[CONV_OUT_WIDTH] * p[CONV_OUT_CHANNELS] *
         p[CONV_FILTER_HEIGHT] * p[CONV_FILTER_WIDTH] * p[CONV_IN_CHANNELS];
}

std::shared_ptr<ConvForward> convForward(const std::vector<int32_t>& p, bool withBias, bool withRelu) {
  std::lock_guard<std::mutex> lock(cacheMutex);
  const int threads = useThreadsFor(convWork(p));
  std::string key = keyOf(withRelu ? "fwd-relu" : "fwd", p) + (withBias ? ",b" : "") + "@" + std::to_string(threads);
  auto found = forwardCache.find(key);
  if (found != forwardCache.end()) return found->second;
  ConvShapes s = convShapes(p, tag::hwio);
  auto pd = forwardHint(s, withBias, withRelu);
  auto entry = std::make_shared<ConvForward>(ConvForward{
      pd, dnnl::convolution_forward(pd),
      reorderBetween(s.weights, pd.weights_desc()),
      withBias});
  forwardCache.emplace(key, entry);
  return entry;
}

std::shared_ptr<ConvBackwardData> convBackwardData(const std::vector<int32_t>& p) {
  std::lock_guard<std::mutex> lock(cacheMutex);
  const int threads = useThreadsFor(convWork(p));
  std::string key = keyOf("bwd-data", p) + "@" + std::to_string(threads);
  auto found = backwardDataCache.find(key);
  if (found != backwardDataCache.end()) return found->second;
  ConvShapes s = convShapes(p, tag::hwio);
  memory::desc anyWeights(s.weights.dims(), dt::f32, tag::any);
  auto hint = forwardHint(s, false, false);
  dnnl::convolution_backward_data::desc d(algorithm::convolution_direct, s.src, anyWeights, s.dst, s.strides,
                                          s.dilations, s.padLeft, s.padRight);
  dnnl::convolution_backward_data::primitive_desc pd(d, cpuEngine(), hint);
  auto entry = std::make_shared<ConvBackwardData>(ConvBackwardData{
      pd, dnnl::convolution_backward_data(pd),
      reorderBetween(s.weights, pd.weights_desc())});
  backwardDataCache.emplace(key, entry);
  return entry;
}

std::shared_ptr<ConvBackwardWeights> convBackwardWeights(const std::vector<int32_t>& p) {
  std::lock_guard<std::mutex> lock(cacheMutex);
  const int threads = useThreadsFor(convWork(p));
  std::string key = keyOf("bwd-weights", p) + "@" + std::to_string(threads);
  auto found = backwardWeightsCache.find(key);
  if (found != backwardWeightsCache.end()) return found->second;
  ConvShapes s = convShapes(p, tag::hwio);
  memory::desc anyWeights(s.weights.dims(), dt::f32, tag::any);
  auto hint = forwardHint(s, false, false);
  dnnl::convolution_backward_weights::desc d(algorithm::convolution_direct, s.src, anyWeights, s.dst, s.strides,
                                             s.dilations, s.padLeft, s.padRight);
  dnnl::convolution_backward_weights::primitive_desc pd(d, cpuEngine(), hint);
  auto entry = std::make_shared<ConvBackwardWeights>(ConvBackwardWeights{
      pd, dnnl::convolution_backward_weights(pd),
      reorderBetween(pd.diff_weights_desc(), s.weights)});
  backwardWeightsCache.emplace(key, entry);
  return entry;
}

/** A scratch buffer for a filter in oneDNN's own layout; reused across calls of the same size. */
float* scratch(size_t bytes, int slot) {
  static std::vector<float> buffers[2];
  auto& buffer = buffers[slot];
  if (buffer.size() * sizeof(float) < bytes) buffer.resize(bytes / sizeof(float) + 16);
  return buffer.data();
}

bool readConvArguments(napi_env env, napi_callback_info info, size_t count, napi_value* argv,
                       std::vector<int32_t>* params) {
  if (!argumentsOf(env, info, count, argv)) return false;
  return readInt32(env, argv[count - 1], params, CONV_PARAM_COUNT, "params");
}

size_t inputSize(const std::vector<int32_t>& p) {
  return size_t(p[CONV_BATCH]) * p[CONV_IN_HEIGHT] * p[CONV_IN_WIDTH] * p[CONV_IN_CHANNELS];
}
size_t outputSize(const std::vector<int32_t>& p) {
  return size_t(p[CONV_BATCH]) * p[CONV_OUT_HEIGHT] * p[CONV_OUT_WIDTH] * p[CONV_OUT_CHANNELS];
}
size_t filterSize(const std::vector<int32_t>& p) {
  return size_t(p[CONV_FILTER_HEIGHT]) * p[CONV_FILTER_WIDTH] * p[CONV_IN_CHANNELS] * p[CONV_OUT_CHANNELS];
}

template <typename Body>
napi_value guarded(napi_env env, Body body) {
  try {
    body();
  } catch (const dnnl::error& e) {
    throwError(env, std::string("oneDNN: ") + e.what());
  } catch (const std::exception& e) {
    throwError(env, e.what());
  }
  return nullptr;
}

/** conv2d(x, filter, bias | null, out, relu, params) */
napi_value Conv2D(napi_env env, napi_callback_info info) {
  napi_value argv[6];
  std::vector<int32_t> p;
  if (!readConvArguments(env, info, 6, argv, &p)) return nullptr;
  Buffer x, filter, bias, out;
  napi_valuetype biasType;
  napi_typeof(env, argv[2], &biasType);
  bool withBias = biasType != napi_null;
  bool withRelu = false;
  napi_get_value_bool(env, argv[4], &withRelu);
  if (!readFloat32(env, argv[0], &x, "x") || !readFloat32(env, argv[1], &filter, "filter") ||
      (withBias && !readFloat32(env, argv[2], &bias, "bias")) || !readFloat32(env, argv[3], &out, "out"))
    return nullptr;
  if (!checkLength(env, x, inputSize(p), "x") || !checkLength(env, filter, filterSize(p), "filter") ||
      (withBias && !checkLength(env, bias, size_t(p[CONV_OUT_CHANNELS]), "bias")) ||
      !checkLength(env, out, outputSize(p), "out"))
    return nullptr;
  return guarded(env, [&] {
    auto conv = convForward(p, withBias, withRelu);
    ConvShapes s = convShapes(p, tag::hwio);
    auto& engine = cpuEngine();
    auto& stream = cpuStream();
    memory userWeights(s.weights, engine, filter.data);
    memory weights(conv->pd.weights_desc(), engine, scratch(conv->pd.weights_desc().get_size(), 0));
    conv->weightsIn.execute(stream, userWeights, weights);
    std::unordered_map<int, memory> args = {{DNNL_ARG_SRC, memory(s.src, engine, x.data)},
                                            {DNNL_ARG_WEIGHTS, weights},
                                            {DNNL_ARG_DST, memory(s.dst, engine, out.data)}};
    if (withBias)
      args.emplace(DNNL_ARG_BIAS, memory(memory::desc({p[CONV_OUT_CHANNELS]}, dt::f32, tag::x), engine, bias.data));
    conv->primitive.execute(stream, args);
    stream.wait();
  });
}

/** conv2dBackpropInput(dy, filter, dx, params) */
napi_value Conv2DBackpropInput(napi_env env, napi_callback_info info) {
  napi_value argv[4];
  std::vector<int32_t> p;
  if (!readConvArguments(env, info, 4, argv, &p)) return nullptr;
  Buffer dy, filter, dx;
  if (!readFloat32(env, argv[0], &dy, "dy") || !readFloat32(env, argv[1], &filter, "filter") ||
      !readFloat32(env, argv[2], &dx, "dx"))
    return nullptr;
  if (!checkLength(env, dy, outputSize(p), "dy") || !checkLength(env, filter, filterSize(p), "filter") ||
      !checkLength(env, dx, inputSize(p), "dx"))
    return nullptr;
  return guarded(env, [&] {
    auto conv = convBackwardData(p);
    ConvShapes s = convShapes(p, tag::hwio);
    auto& engine = cpuEngine();
    auto& stream = cpuStream();
    memory userWeights(s.weights, engine, filter.data);
    memory weights(conv->pd.weights_desc(), engine, scratch(conv->pd.weights_desc().get_size(), 0));
    conv->weightsIn.execute(stream, userWeights, weights);
    conv->primitive.execute(stream, {{DNNL_ARG_DIFF_DST, memory(s.dst, engine, dy.data)},
                                     {DNNL_ARG_WEIGHTS, weights},
                                     {DNNL_ARG_DIFF_SRC, memory(s.src, engine, dx.data)}});
    stream.wait();
  });
}

/** conv2dBackpropFilter(x, dy, dw, params) */
napi_value Conv2DBackpropFilter(napi_env env, napi_callback_info info) {
  napi_value argv[4];
  std::vector<int32_t> p;
  if (!readConvArguments(env, info, 4, argv, &p)) return nullptr;
  Buffer x, dy, dw;
  if (!readFloat32(env, argv[0], &x, "x") || !readFloat32(env, argv[1], &dy, "dy") ||
      !readFloat32(env, argv[2], &dw, "dw"))
    return nullptr;
  if (!checkLength(env, x, inputSize(p), "x") || !checkLength(env, dy, outputSize(p), "dy") ||
      !checkLength(env, dw, filterSize(p), "dw"))
    return nullptr;
  return guarded(env, [&] {
    auto conv = convBackwardWeights(p);
    ConvShapes s = convShapes(p, tag::hwio);
    auto& engine = cpuEngine();
    auto& stream = cpuStream();
    memory weights(conv->pd.diff_weights_desc(), engine, scratch(conv->pd.diff_weights_desc().get_size(), 1));
    conv->primitive.execute(stream, {{DNNL_ARG_SRC, memory(s.src, engine, x.data)},
                                     {DNNL_ARG_DIFF_DST, memory(s.dst, engine, dy.data)},
                                     {DNNL_ARG_DIFF_WEIGHTS, weights}});
    memory userWeights(s.weights, engine, dw.data);
    conv->weightsOut.execute(stream, weights, userWeights);
    stream.wait();
  });
}

// ---- Matrix products ------------------------------------------------------------------------

enum MatMulParam { MM_BATCH_A, MM_BATCH_B, MM_M, MM_K, MM_N, MM_TRANSPOSE_A, MM_TRANSPOSE_B, MM_PARAM_COUNT };

struct MatMul {
  memory::desc a, b, c, bias;
  dnnl::matmul primitive;
};

std::map<std::string, std::shared_ptr<MatMul>> matMulCache;

/** A [batch, rows, cols] matrix stored as [batch, cols, rows] when transposed. */
memory::desc matrixDesc(memory::dim batch, memory::dim rows, memory::dim cols, bool isTransposed) {
  memory::dims strides = isTransposed ? memory::dims{rows * cols, 1, rows} : memory::dims{rows * cols, cols, 1};
  return memory::desc({batch, rows, cols}, dt::f32, strides);
}

std::shared_ptr<MatMul> matMulPrimitive(const std::vector<int32_t>& p, bool withBias, bool withRelu) {
  std::lock_guard<std::mutex> lock(cacheMutex);
  const double work = double(std::max(p[MM_BATCH_A], p[MM_BATCH_B])) * p[MM_M] * p[MM_K] * p[MM_N];
  const int threads = useThreadsFor(work);
  std::string key = keyOf("matmul", p) + (withBias ? ",b" : "") + (withRelu ? ",relu" : "") + "@" +
                    std::to_string(threads);
  auto found = matMulCache.find(key);
  if (found != matMulCache.end()) return found->second;
  memory::dim batch = std::max(p[MM_BATCH_A], p[MM_BATCH_B]);
  auto a = matrixDesc(p[MM_BATCH_A], p[MM_M], p[MM_K], p[MM_TRANSPOSE_A] != 0);
  auto b = matrixDesc(p[MM_BATCH_B], p[MM_K], p[MM_N], p[MM_TRANSPOSE_B] != 0);
  memory::desc c({batch, p[MM_M], p[MM_N]}, dt::f32, tag::abc);
  memory::desc bias({1, 1, p[MM_N]}, dt::f32, tag::abc);
  dnnl::primitive_attr attr;
  if (withRelu) {
    dnnl::post_ops ops;
    ops.append_eltwise(1.f, algorithm::eltwise_relu, 0.f, 0.f);
    attr.set_post_ops(ops);
  }
  auto d = withBias ? dnnl::matmul::desc(a, b, bias, c) : dnnl::matmul::desc(a, b, c);
  dnnl::matmul::primitive_desc pd(d, attr, cpuEngine());
  auto entry = std::make_shared<MatMul>(MatMul{a, b, c, bias, dnnl::matmul(pd)});
  matMulCache.emplace(key, entry);
  return entry;
}

/** matMul(a, b, bias | null, out, relu, params): one batch side may be 1 (broadcast). */
napi_value MatMulKernel(napi_env env, napi_callback_info info) {
  napi_value argv[6];
  if (!argumentsOf(env, info, 6, argv)) return nullptr;
  std::vector<int32_t> p;
  if (!readInt32(env, argv[5], &p, MM_PARAM_COUNT, "params")) return nullptr;
  if (p[MM_BATCH_A] != p[MM_BATCH_B] && p[MM_BATCH_A] != 1 && p[MM_BATCH_B] != 1) {
    throwError(env, "batch sizes must match or one must be 1");
    return nullptr;
  }
  Buffer a, b, bias, out;
  napi_valuetype biasType;
  napi_typeof(env, argv[2], &biasType);
  bool withBias = biasType != napi_null;
  bool withRelu = false;
  napi_get_value_bool(env, argv[4], &withRelu);
  if (!readFloat32(env, argv[0], &a, "a") || !readFloat32(env, argv[1], &b, "b") ||
      (withBias && !readFloat32(env, argv[2], &bias, "bias")) || !readFloat32(env, argv[3], &out, "out"))
    return nullptr;
  size_t batch = size_t(std::max(p[MM_BATCH_A], p[MM_BATCH_B]));
  if (!checkLength(env, a, size_t(p[MM_BATCH_A]) * p[MM_M] * p[MM_K], "a") ||
      !checkLength(env, b, size_t(p[MM_BATCH_B]) * p[MM_K] * p[MM_N], "b") ||
      (withBias && !checkLength(env, bias, size_t(p[MM_N]), "bias")) ||
      !checkLength(env, out, batch * p[MM_M] * p[MM_N], "out"))
    return nullptr;
  return guarded(env, [&] {
    auto mm = matMulPrimitive(p, withBias, withRelu);
    auto& engine = cpuEngine();
    auto& stream = cpuStream();
    std::unordered_map<int, memory> args = {{DNNL_ARG_SRC, memory(mm->a, engine, a.data)},
                                            {DNNL_ARG_WEIGHTS, memory(mm->b, engine, b.data)},
                                            {DNNL_ARG_DST, memory(mm->c, engine, out.data)}};
    if (withBias) args.emplace(DNNL_ARG_BIAS, memory(mm->bias, engine, bias.data));
    mm->primitive.execute(stream, args);
    stream.wait();
  });
}

// ---- Pooling --------------------------------------------------------------------------------
// The forward pass runs on oneDNN's pooling (max, or average over the taps inside the image, as
// TensorFlow.js's forward pass divides). Gradients are loops over NHWC, one image per thread, so
// that the max gradient follows TensorFlow's tie rule exactly (the first maximum in the window
// wins) without oneDNN's workspace, which TensorFlow.js's MaxPoolGrad kernel does not carry.

struct PoolWindow {
  int top, left, bottom, right;
};

PoolWindow windowOf(const std::vector<int32_t>& p, int oy, int ox) {
  int top = oy * p[CONV_STRIDE_HEIGHT] - p[CONV_PAD_TOP];
  int left = ox * p[CONV_STRIDE_WIDTH] - p[CONV_PAD_LEFT];
  return {top, left, top + (p[CONV_FILTER_HEIGHT] - 1) * p[CONV_DILATION_HEIGHT] + 1,
          left + (p[CONV_FILTER_WIDTH] - 1) * p[CONV_DILATION_WIDTH] + 1};
}

struct Pooling {
  memory::desc src, dst;
  dnnl::pooling_forward primitive;
};

std::map<std::string, std::shared_ptr<Pooling>> poolingCache;

std::shared_ptr<Pooling> poolingPrimitive(const std::vector<int32_t>& p, bool isMax) {
  std::lock_guard<std::mutex> lock(cacheMutex);
  const int threads = useThreadsFor(double(inputSize(p)));
  std::string key = keyOf(isMax ? "max-pool" : "avg-pool", p) + "@" + std::to_string(threads);
  auto found = poolingCache.find(key);
  if (found != poolingCache.end()) return found->second;
  ConvShapes s = convShapes(p, tag::hwio);
  dnnl::pooling_forward::desc d(prop_kind::forward_inference,
                                isMax ? algorithm::pooling_max : algorithm::pooling_avg_exclude_padding, s.src, s.dst,
                                s.strides, {p[CONV_FILTER_HEIGHT], p[CONV_FILTER_WIDTH]}, s.padLeft, s.padRight);
  dnnl::pooling_forward::primitive_desc pd(d, cpuEngine());
  auto entry = std::make_shared<Pooling>(Pooling{s.src, s.dst, dnnl::pooling_forward(pd)});
  poolingCache.emplace(key, entry);
  return entry;
}

/** Dilated windows, which oneDNN's first pooling API does not take. */
void poolLoops(const std::vector<int32_t>& p, const float* x, float* out, bool isMax) {
  const size_t channels = size_t(p[CONV_IN_CHANNELS]);
  const int height = p[CONV_IN_HEIGHT], width = p[CONV_IN_WIDTH];
  const int dh = p[CONV_DILATION_HEIGHT], dw = p[CONV_DILATION_WIDTH];
  const int threads = useThreadsFor(double(inputSize(p)));
#pragma omp parallel for schedule(static) num_threads(threads)
  for (int n = 0; n < p[CONV_BATCH]; n++) {
    std::vector<float> acc(channels);
    for (int oy = 0; oy < p[CONV_OUT_HEIGHT]; oy++)
      for (int ox = 0; ox < p[CONV_OUT_WIDTH]; ox++) {
        PoolWindow w = windowOf(p, oy, ox);
        std::fill(acc.begin(), acc.end(), isMax ? -FLT_MAX : 0.f);
        int taps = 0;
        for (int y = w.top; y < w.bottom; y += dh) {
          if (y < 0 || y >= height) continue;
          for (int xx = w.left; xx < w.right; xx += dw) {
            if (xx < 0 || xx >= width) continue;
            const float* in = x + ((size_t(n) * height + y) * width + xx) * channels;
            if (isMax)
              for (size_t c = 0; c < channels; c++) acc[c] = in[c] > acc[c] ? in[c] : acc[c];
            else
              for (size_t c = 0; c < channels; c++) acc[c] += in[c];
            taps++;
          }
        }
        float* o = out + ((size_t(n) * p[CONV_OUT_HEIGHT] + oy) * p[CONV_OUT_WIDTH] + ox) * channels;
        for (size_t c = 0; c < channels; c++) o[c] = isMax ? acc[c] : (taps ? acc[c] / taps : 0.f);
      }
  }
}

/** pool(x, out, isMax, params); out holds the pooled values. */
napi_value Pool(napi_env env, napi_callback_info info) {
  napi_value argv[4];
  std::vector<int32_t> p;
  if (!readConvArguments(env, info, 4, argv, &p)) return nullptr;
  Buffer x, out;
  bool isMax = false;
  napi_get_value_bool(env, argv[2], &isMax);
  if (!readFloat32(env, argv[0], &x, "x") || !readFloat32(env, argv[1], &out, "out")) return nullptr;
  if (p[CONV_OUT_CHANNELS] != p[CONV_IN_CHANNELS]) return throwError(env, "pooling keeps its channels"), nullptr;
  if (!checkLength(env, x, inputSize(p), "x") || !checkLength(env, out, outputSize(p), "out")) return nullptr;
  if (p[CONV_DILATION_HEIGHT] != 1 || p[CONV_DILATION_WIDTH] != 1) {
    poolLoops(p, x.data, out.data, isMax);
    return nullptr;
  }
  return guarded(env, [&] {
    auto pool = poolingPrimitive(p, isMax);
    auto& engine = cpuEngine();
    auto& stream = cpuStream();
    pool->primitive.execute(stream, {{DNNL_ARG_SRC, memory(pool->src, engine, x.data)},
                                     {DNNL_ARG_DST, memory(pool->dst, engine, out.data)}});
    stream.wait();
  });
}

/** The max gradient of one image: each window's dy goes to its first maximum. */
void maxPoolGradImage(const std::vector<int32_t>& p, int n, const float* x, const float* dy, float* dx) {
  const size_t channels = size_t(p[CONV_IN_CHANNELS]);
  const int height = p[CONV_IN_HEIGHT], width = p[CONV_IN_WIDTH];
  const int dh = p[CONV_DILATION_HEIGHT], dw = p[CONV_DILATION_WIDTH];
  const float* image = x + size_t(n) * height * width * channels;
  float* gradient = dx + size_t(n) * height * width * channels;
  // Offsets within one image fit 32 bits, which keeps the compare-and-select below vectorised.
  std::vector<float> best(channels);
  std::vector<uint32_t> where(channels);
  for (int oy = 0; oy < p[CONV_OUT_HEIGHT]; oy++)
    for (int ox = 0; ox < p[CONV_OUT_WIDTH]; ox++) {
      PoolWindow w = windowOf(p, oy, ox);
      bool isFirst = true;
      for (int y = w.top; y < w.bottom; y += dh) {
        if (y < 0 || y >= height) continue;
        for (int xx = w.left; xx < w.right; xx += dw) {
          if (xx < 0 || xx >= width) continue;
          const uint32_t base = uint32_t((size_t(y) * width + xx) * channels);
          const float* v = image + base;
          if (isFirst) {
            for (size_t c = 0; c < channels; c++) {
              best[c] = v[c];
              where[c] = base + uint32_t(c);
            }
            isFirst = false;
            continue;
          }
          float* b = best.data();
          uint32_t* at = where.data();
#pragma omp simd
          for (size_t c = 0; c < channels; c++) {
            const bool isGreater = v[c] > b[c];
            b[c] = isGreater ? v[c] : b[c];
            at[c] = isGreater ? base + uint32_t(c) : at[c];
          }
        }
      }
      if (isFirst) continue;
      const float* g = dy + ((size_t(n) * p[CONV_OUT_HEIGHT] + oy) * p[CONV_OUT_WIDTH] + ox) * channels;
      for (size_t c = 0; c < channels; c++) gradient[where[c]] += g[c];
    }
}

/** The average gradient of one image. */
void avgPoolGradImage(const std::vector<int32_t>& p, int n, const float* dy, float* dx) {
  const size_t channels = size_t(p[CONV_IN_CHANNELS]);
  const int height = p[CONV_IN_HEIGHT], width = p[CONV_IN_WIDTH];
  const int dh = p[CONV_DILATION_HEIGHT], dw = p[CONV_DILATION_WIDTH];
  // TensorFlow.js's cpu and wasm backends spread each gradient over the window's full size,
  // padding included, though the forward pass divides by the taps inside the image; the same rule
  // here keeps a model training to the same weights on every engine.
  const float share = 1.f / (p[CONV_FILTER_HEIGHT] * p[CONV_FILTER_WIDTH]);
  float* gradient = dx + size_t(n) * height * width * channels;
  for (int oy = 0; oy < p[CONV_OUT_HEIGHT]; oy++)
    for (int ox = 0; ox < p[CONV_OUT_WIDTH]; ox++) {
      PoolWindow w = windowOf(p, oy, ox);
      const float* g = dy + ((size_t(n) * p[CONV_OUT_HEIGHT] + oy) * p[CONV_OUT_WIDTH] + ox) * channels;
      for (int y = w.top; y < w.bottom; y += dh) {
        if (y < 0 || y >= height) continue;
        for (int xx = w.left; xx < w.right; xx += dw) {
          if (xx < 0 || xx >= width) continue;
          float* d = gradient + (size_t(y) * width + xx) * channels;
#pragma omp simd
          for (size_t c = 0; c < channels; c++) d[c] += g[c] * share;
        }
      }
    }
}

/** poolGrad(dy, x | null, dx, isMax, params): dx is filled (zeroed first). */
napi_value PoolGrad(napi_env env, napi_callback_info info) {
  napi_value argv[5];
  std::vector<int32_t> p;
  if (!readConvArguments(env, info, 5, argv, &p)) return nullptr;
  Buffer dy, x, dx;
  bool isMax = false;
  napi_get_value_bool(env, argv[3], &isMax);
  if (!readFloat32(env, argv[0], &dy, "dy") || (isMax && !readFloat32(env, argv[1], &x, "x")) ||
      !readFloat32(env, argv[2], &dx, "dx"))
    return nullptr;
  if (!checkLength(env, dy, outputSize(p), "dy") || (isMax && !checkLength(env, x, inputSize(p), "x")) ||
      !checkLength(env, dx, inputSize(p), "dx"))
    return nullptr;
  if (p[CONV_OUT_CHANNELS] != p[CONV_IN_CHANNELS]) return throwError(env, "pooling keeps its channels"), nullptr;
  std::memset(dx.data, 0, dx.length * sizeof(float));
  const int threads = useThreadsFor(double(inputSize(p)));
#pragma omp parallel for schedule(static) num_threads(threads)
  for (int n = 0; n < p[CONV_BATCH]; n++) {
    if (isMax)
      maxPoolGradImage(p, n, x.data, dy.data, dx.data);
    else
      avgPoolGradImage(p, n, dy.data, dx.data);
  }
  return nullptr;
}

// ---- Elementwise ----------------------------------------------------------------------------
// A recurrent cell runs dozens of small elementwise kernels per step; the wasm backend computes
// tanh and comparisons with a scalar one value at a time. Binary kernels take equal lengths, or one
// side repeated along the other's trailing axes (a bias, or a scalar), which is all the caller sends.

enum Unary { UNARY_TANH, UNARY_SIGMOID, UNARY_RELU, UNARY_EXP, UNARY_COUNT };

struct Eltwise {
  memory::desc md;
  dnnl::eltwise_forward primitive;
};

std::map<std::tuple<int, size_t, int>, std::shared_ptr<Eltwise>> eltwiseCache;

std::shared_ptr<Eltwise> eltwisePrimitive(int kind, size_t length) {
  std::lock_guard<std::mutex> lock(cacheMutex);
  // A transcendental costs about ten element operations.
  const int threads = useThreadsFor(double(length) * 10);
  auto key = std::make_tuple(kind, length, threads);
  auto found = eltwiseCache.find(key);
  if (found != eltwiseCache.end()) return found->second;
  static const algorithm algorithms[UNARY_COUNT] = {algorithm::eltwise_tanh, algorithm::eltwise_logistic,
                                                    algorithm::eltwise_relu, algorithm::eltwise_exp};
  memory::desc md({memory::dim(length)}, dt::f32, tag::x);
  dnnl::eltwise_forward::desc d(prop_kind::forward_inference, algorithms[kind], md, 0.f, 0.f);
  dnnl::eltwise_forward::primitive_desc pd(d, cpuEngine());
  auto entry = std::make_shared<Eltwise>(Eltwise{md, dnnl::eltwise_forward(pd)});
  eltwiseCache.emplace(key, entry);
  return entry;
}

/** unary(kind, x, out) */
napi_value UnaryKernel(napi_env env, napi_callback_info info) {
  napi_value argv[3];
  if (!argumentsOf(env, info, 3, argv)) return nullptr;
  int32_t kind = -1;
  napi_get_value_int32(env, argv[0], &kind);
  if (kind < 0 || kind >= UNARY_COUNT) return throwError(env, "unknown unary kernel"), nullptr;
  Buffer x, out;
  if (!readFloat32(env, argv[1], &x, "x") || !readFloat32(env, argv[2], &out, "out")) return nullptr;
  if (!checkLength(env, out, x.length, "out") || x.length == 0) return nullptr;
  return guarded(env, [&] {
    auto op = eltwisePrimitive(kind, x.length);
    auto& engine = cpuEngine();
    auto& stream = cpuStream();
    op->primitive.execute(stream,
                          {{DNNL_ARG_SRC, memory(op->md, engine, x.data)}, {DNNL_ARG_DST, memory(op->md, engine, out.data)}});
    stream.wait();
  });
}

enum Binary {
  BINARY_ADD,
  BINARY_SUB,
  BINARY_MUL,
  BINARY_DIV,
  BINARY_MAX,
  BINARY_MIN,
  BINARY_GREATER,
  BINARY_GREATER_EQUAL,
  BINARY_LESS,
  BINARY_LESS_EQUAL,
  BINARY_EQUAL,
  BINARY_LOGICAL_AND,
  BINARY_COUNT
};

struct Typed {
  void* data = nullptr;
  size_t length = 0;
  napi_typedarray_type type = napi_int8_array;
};

bool readTyped(napi_env env, napi_value value, Typed* out, const char* name) {
  bool isTypedArray = false;
  napi_is_typedarray(env, value, &isTypedArray);
  if (!isTypedArray || napi_get_typedarray_info(env, value, &out->type, &out->length, &out->data, nullptr, nullptr) !=
                           napi_ok)
    return throwError(env, std::string(name) + " must be a typed array");
  return true;
}

/** out[i] = f(a[i], b[i]) where the shorter side repeats; lengths were checked by the caller. */
template <typename In, typename Out, typename F>
void broadcastApply(const In* a, size_t aLength, const In* b, size_t bLength, Out* out, size_t length, F f) {
  if (aLength == length && bLength == length) {
#pragma omp simd
    for (size_t i = 0; i < length; i++) out[i] = f(a[i], b[i]);
  } else if (aLength == length && bLength == 1) {
    const In value = b[0];
#pragma omp simd
    for (size_t i = 0; i < length; i++) out[i] = f(a[i], value);
  } else if (bLength == length && aLength == 1) {
    const In value = a[0];
#pragma omp simd
    for (size_t i = 0; i < length; i++) out[i] = f(value, b[i]);
  } else if (aLength == length) {
    for (size_t row = 0; row < length; row += bLength) {
#pragma omp simd
      for (size_t j = 0; j < bLength; j++) out[row + j] = f(a[row + j], b[j]);
    }
  } else {
    for (size_t row = 0; row < length; row += aLength) {
#pragma omp simd
      for (size_t j = 0; j < aLength; j++) out[row + j] = f(a[j], b[row + j]);
    }
  }
}

template <typename Out>
void floatBinary(int kind, const float* a, size_t an, const float* b, size_t bn, Out* out, size_t n) {
  switch (kind) {
    case BINARY_ADD: return broadcastApply(a, an, b, bn, out, n, [](float x, float y) { return x + y; });
    case BINARY_SUB: return broadcastApply(a, an, b, bn, out, n, [](float x, float y) { return x - y; });
    case BINARY_MUL: return broadcastApply(a, an, b, bn, out, n, [](float x, float y) { return x * y; });
    case BINARY_DIV: return broadcastApply(a, an, b, bn, out, n, [](float x, float y) { return x / y; });
    // NaN wins, as in TensorFlow.js's own maximum and minimum.
    case BINARY_MAX:
      return broadcastApply(a, an, b, bn, out, n, [](float x, float y) { return x != x || x > y || y != y ? (y != y ? y : x) : y; });
    case BINARY_MIN:
      return broadcastApply(a, an, b, bn, out, n, [](float x, float y) { return x != x || x < y || y != y ? (y != y ? y : x) : y; });
  }
}

template <typename Out>
void compareBinary(int kind, const float* a, size_t an, const float* b, size_t bn, Out* out, size_t n) {
  switch (kind) {
    case BINARY_GREATER: return broadcastApply(a, an, b, bn, out, n, [](float x, float y) -> Out { return x > y; });
    case BINARY_GREATER_EQUAL:
      return broadcastApply(a, an, b, bn, out, n, [](float x, float y) -> Out { return x >= y; });
    case BINARY_LESS: return broadcastApply(a, an, b, bn, out, n, [](float x, float y) -> Out { return x < y; });
    case BINARY_LESS_EQUAL: return broadcastApply(a, an, b, bn, out, n, [](float x, float y) -> Out { return x <= y; });
    case BINARY_EQUAL: return broadcastApply(a, an, b, bn, out, n, [](float x, float y) -> Out { return x == y; });
  }
}

bool isRepeatable(size_t side, size_t length) { return side == length || (side > 0 && length % side == 0); }

/** binary(kind, a, b, out): Float32Array inputs (Uint8Array for logicalAnd); out is Uint8Array for comparisons. */
napi_value BinaryKernel(napi_env env, napi_callback_info info) {
  napi_value argv[4];
  if (!argumentsOf(env, info, 4, argv)) return nullptr;
  int32_t kind = -1;
  napi_get_value_int32(env, argv[0], &kind);
  if (kind < 0 || kind >= BINARY_COUNT) return throwError(env, "unknown binary kernel"), nullptr;
  Typed a, b, out;
  if (!readTyped(env, argv[1], &a, "a") || !readTyped(env, argv[2], &b, "b") || !readTyped(env, argv[3], &out, "out"))
    return nullptr;
  const bool isLogical = kind == BINARY_LOGICAL_AND;
  const bool isComparison = kind >= BINARY_GREATER && kind <= BINARY_EQUAL;
  const napi_typedarray_type inType = isLogical ? napi_uint8_array : napi_float32_array;
  const napi_typedarray_type outType = isLogical || isComparison ? napi_uint8_array : napi_float32_array;
  if (a.type != inType || b.type != inType || out.type != outType)
    return throwError(env, "binary kernel given the wrong array types"), nullptr;
  if (!isRepeatable(a.length, out.length) || !isRepeatable(b.length, out.length) ||
      (a.length != out.length && b.length != out.length))
    return throwError(env, "binary kernel lengths do not broadcast"), nullptr;
  if (out.length == 0) return nullptr;
  if (isLogical)
    broadcastApply(static_cast<const uint8_t*>(a.data), a.length, static_cast<const uint8_t*>(b.data), b.length,
                   static_cast<uint8_t*>(out.data), out.length,
                   [](uint8_t x, uint8_t y) -> uint8_t { return x && y; });
  else if (isComparison)
    compareBinary(kind, static_cast<const float*>(a.data), a.length, static_cast<const float*>(b.data), b.length,
                  static_cast<uint8_t*>(out.data), out.length);
  else
    floatBinary(kind, static_cast<const float*>(a.data), a.length, static_cast<const float*>(b.data), b.length,
                static_cast<float*>(out.data), out.length);
  return nullptr;
}

/** select(condition, onTrue, onFalse, out), all of one length. */
napi_value SelectKernel(napi_env env, napi_callback_info info) {
  napi_value argv[4];
  if (!argumentsOf(env, info, 4, argv)) return nullptr;
  Typed condition;
  Buffer onTrue, onFalse, out;
  if (!readTyped(env, argv[0], &condition, "condition") || !readFloat32(env, argv[1], &onTrue, "onTrue") ||
      !readFloat32(env, argv[2], &onFalse, "onFalse") || !readFloat32(env, argv[3], &out, "out"))
    return nullptr;
  if (condition.type != napi_uint8_array || condition.length != out.length || onTrue.length != out.length ||
      onFalse.length != out.length)
    return throwError(env, "select needs a Uint8Array condition and arrays of one length"), nullptr;
  const uint8_t* c = static_cast<const uint8_t*>(condition.data);
#pragma omp simd
  for (size_t i = 0; i < out.length; i++) out.data[i] = c[i] ? onTrue.data[i] : onFalse.data[i];
  return nullptr;
}

/** clip(x, low, high, out) */
napi_value ClipKernel(napi_env env, napi_callback_info info) {
  napi_value argv[4];
  if (!argumentsOf(env, info, 4, argv)) return nullptr;
  Buffer x, out;
  double low = 0, high = 0;
  if (!readFloat32(env, argv[0], &x, "x") || !readFloat32(env, argv[3], &out, "out")) return nullptr;
  napi_get_value_double(env, argv[1], &low);
  napi_get_value_double(env, argv[2], &high);
  if (!checkLength(env, out, x.length, "out")) return nullptr;
  const float lo = float(low), hi = float(high);
#pragma omp simd
  for (size_t i = 0; i < x.length; i++) {
    const float v = x.data[i];
    out.data[i] = v != v ? v : (v < lo ? lo : (v > hi ? hi : v));
  }
  return nullptr;
}

// ---- Engine settings ------------------------------------------------------------------------

napi_value SetThreads(napi_env env, napi_callback_info info) {
  napi_value argv[1];
  if (!argumentsOf(env, info, 1, argv)) return nullptr;
  int32_t threads = 0;
  if (napi_get_value_int32(env, argv[0], &threads) != napi_ok || threads < 1 || threads > 256)
    return throwError(env, "threads must be a whole number from 1 to 256"), nullptr;
  configuredThreads = threads;
  omp_set_num_threads(threads);
  return nullptr;
}

napi_value Threads(napi_env env, napi_callback_info) {
  napi_value out;
  napi_create_int32(env, omp_get_max_threads(), &out);
  return out;
}

const char* isaName(dnnl::cpu_isa isa) {
  switch (isa) {
    case dnnl::cpu_isa::sse41: return "SSE4.1";
    case dnnl::cpu_isa::avx: return "AVX";
    case dnnl::cpu_isa::avx2: return "AVX2";
    case dnnl::cpu_isa::avx512_core: return "AVX-512";
    case dnnl::cpu_isa::avx512_core_vnni: return "AVX-512 VNNI";
    case dnnl::cpu_isa::avx512_core_bf16: return "AVX-512 BF16";
    case dnnl::cpu_isa::avx512_core_amx: return "AVX-512 AMX";
    default: return "other";
  }
}

napi_value Library(napi_env env, napi_callback_info) {
  const dnnl_version_t* v = dnnl::version();
  std::string text = "oneDNN " + std::to_string(v->major) + "." + std::to_string(v->minor) + "." +
                     std::to_string(v->patch) + " (" + isaName(dnnl::get_effective_cpu_isa()) + ", OpenMP)";
  napi_value out;
  napi_create_string_utf8(env, text.c_str(), text.size(), &out);
  return out;
}

}  // namespace

NAPI_MODULE_INIT() {
  const std::pair<const char*, napi_callback> functions[] = {
      {"conv2d", Conv2D},
      {"conv2dBackpropInput", Conv2DBackpropInput},
      {"conv2dBackpropFilter", Conv2DBackpropFilter},
      {"matMul", MatMulKernel},
      {"pool", Pool},
      {"poolGrad", PoolGrad},
      {"unary", UnaryKernel},
      {"binary", BinaryKernel},
      {"select", SelectKernel},
      {"clip", ClipKernel},
      {"setThreads", SetThreads},
      {"threads", Threads},
      {"library", Library},
  };
  for (const auto& [name, callback] : functions) {
    napi_value fn;
    napi_create_function(env, name, NAPI_AUTO_LENGTH, callback, nullptr, &fn);
    napi_set_named_property(env, exports, name, fn);
  }
  return exports;
}
