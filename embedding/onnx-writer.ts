// Small helpers over onnx-proto for writing inference graphs that onnxruntime-node (1.14, as bundled with
// Transformers.js) runs. Encoding is deterministic: the same graph gives the same bytes.
import onnxProto from 'onnx-proto';
import type { onnx as Onnx } from 'onnx-proto';

const { onnx } = onnxProto;
const DataType = onnx.TensorProto.DataType;

export const OPSET = 13;

export type ElementType = 'float32' | 'int8' | 'int64';

const ELEMENT_TYPES: Record<ElementType, Onnx.TensorProto.DataType> = {
  float32: DataType.FLOAT,
  int8: DataType.INT8,
  int64: DataType.INT64,
};

/** An integer, a list of integers, a string, or `{ float }` for a float attribute. */
export type AttributeValue = number | number[] | string | { float: number };

export interface GraphSpec {
  name: string;
  inputs: Array<{ name: string; type: ElementType; shape: Array<string | number> }>;
  outputs: Array<{ name: string; type: ElementType; shape: Array<string | number> }>;
  initializers: Onnx.ITensorProto[];
  nodes: Onnx.INodeProto[];
  docString?: string;
}

/** A constant tensor stored as raw little-endian bytes. */
export function tensor(name: string, type: ElementType, dims: number[], data: Float32Array | Int8Array | BigInt64Array): Onnx.ITensorProto {
  const bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  return { name, dataType: ELEMENT_TYPES[type], dims, rawData: bytes };
}

export function floatTensor(name: string, dims: number[], values: ArrayLike<number>): Onnx.ITensorProto {
  return tensor(name, 'float32', dims, Float32Array.from(values));
}

export function int64Tensor(name: string, dims: number[], values: number[]): Onnx.ITensorProto {
  return tensor(name, 'int64', dims, BigInt64Array.from(values, (v) => BigInt(v)));
}

export function node(opType: string, inputs: string[], outputs: string[], attributes: Record<string, AttributeValue> = {}): Onnx.INodeProto {
  const attribute = Object.entries(attributes).map(([name, value]): Onnx.IAttributeProto => {
    const A = onnx.AttributeProto.AttributeType;
    if (typeof value === 'string') return { name, type: A.STRING, s: new TextEncoder().encode(value) };
    if (Array.isArray(value)) return { name, type: A.INTS, ints: value };
    if (typeof value === 'object') return { name, type: A.FLOAT, f: value.float };
    return { name, type: A.INT, i: value };
  });
  return { opType, input: inputs, output: outputs, name: `${opType}_${outputs[0]}`, attribute };
}

function valueInfo(v: GraphSpec['inputs'][number]): Onnx.IValueInfoProto {
  const dim = v.shape.map((d) => (typeof d === 'string' ? { dimParam: d } : { dimValue: d }));
  return { name: v.name, type: { tensorType: { elemType: ELEMENT_TYPES[v.type], shape: { dim } } } };
}

export function encodeModel(spec: GraphSpec): Uint8Array {
  const model: Onnx.IModelProto = {
    irVersion: 7,
    producerName: 'citebot',
    opsetImport: [{ domain: '', version: OPSET }],
    docString: spec.docString ?? '',
    graph: {
      name: spec.name,
      input: spec.inputs.map(valueInfo),
      output: spec.outputs.map(valueInfo),
      initializer: spec.initializers,
      node: spec.nodes,
    },
  };
  return onnx.ModelProto.encode(model).finish();
}
