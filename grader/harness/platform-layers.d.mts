// Types for platform-layers.mjs, which stays plain JavaScript because it also runs in the sandbox.
import type * as tfjs from "@tensorflow/tfjs";

export interface MultiHeadSelfAttentionConfig {
  numHeads: number;
  keyDim: number;
  causal?: boolean;
  name?: string;
}

export interface PositionEmbeddingConfig {
  maxLength: number;
  name?: string;
}

export interface PlatformLayers {
  MultiHeadSelfAttention: new (config: MultiHeadSelfAttentionConfig) => tfjs.layers.Layer;
  PositionEmbedding: new (config: PositionEmbeddingConfig) => tfjs.layers.Layer;
  multiHeadSelfAttention(config: MultiHeadSelfAttentionConfig): tfjs.layers.Layer;
  positionEmbedding(config: PositionEmbeddingConfig): tfjs.layers.Layer;
}

export function registerPlatformLayers(tf: typeof tfjs): PlatformLayers;

export const PLATFORM_LAYER_CLASS_NAMES: readonly string[];
