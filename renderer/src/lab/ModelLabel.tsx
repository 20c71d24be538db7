import { LAB_MODEL_LABEL } from '../../../shared/lab.ts'

/** The caption every lab figure carries: its prices are a model's, not quotes. */
export function ModelLabel() {
  return <p className="lab-model-label">{LAB_MODEL_LABEL}</p>
}

/** The label for accessible names: "Equity curves (model prices, not historical option quotes)". */
export const withModelLabel = (name: string): string => `${name} (${LAB_MODEL_LABEL})`
