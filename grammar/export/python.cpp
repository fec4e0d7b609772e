// The numpy, jax, pytorch and tensorflow targets: one Python module each. They share the
// expression text (export/python_ops.cpp) and differ in how the function is wrapped.
#include "grammar/export/python.hpp"

#include "grammar/derivative.hpp"

namespace actsearch::grammar::export_detail {
namespace {

std::string_view zeros_like(Target target) {
  switch (target) {
    case Target::NumPy:
      return "np.zeros_like";
    case Target::Jax:
      return "jnp.zeros_like";
    case Target::PyTorch:
      return "torch.zeros_like";
    default:
      return "tf.zeros_like";
  }
}

// The return expression; one that does not use x is broadcast to x's shape.
std::string body(const Expr& e, Target target) {
  const std::string text = emit(e, Dialect{&python_spellings(target), python_leaf});
  if (uses_x(e)) return text;
  return std::string(zeros_like(target)) + "(x) + (" + text + ")";
}

// "x, beta=0.5, beta1=1.0": x and the parameters with their values as defaults.
std::string keyword_parameters(const Source& s, std::string_view first) {
  std::string out(first);
  for (std::size_t k = 0; k < s.params.size(); ++k) {
    out += ", " + param_name(static_cast<int>(k)) + "=" + float_literal(s.params[k]);
  }
  return out;
}

std::string function(const Source& s, Target target, std::string_view suffix, const Expr& e,
                     std::string_view doc) {
  std::string out = "def " + std::string(s.name) + std::string(suffix) + "(" +
                    keyword_parameters(s, "x") + "):\n    \"\"\"" + std::string(doc) + "\"\"\"\n";
  if (target == Target::NumPy) out += "    x = np.asarray(x)\n";
  return out + "    return " + body(e, target) + "\n";
}

std::string numpy_module(const Source& s, const Expr& value, const Expr& slope) {
  const std::string name(s.name);
  return python_helpers(Target::NumPy, {&value, &slope}) +
         function(s, Target::NumPy, "", value,
                  "The activation at x, elementwise on numbers and arrays.") +
         "\n\n" +
         function(s, Target::NumPy, "_derivative", slope,
                  "d " + name + " / dx at x, elementwise (the grammar's kink conventions).");
}

std::string jax_module(const Source& s, const Expr& value) {
  return python_helpers(Target::Jax, {&value}) +
         function(s, Target::Jax, "", value,
                  "The activation at x, elementwise; jax.grad gives its derivative.");
}

// Lines binding each parameter to a local of the same name, so the expression reads as in
// the grammar.
std::string parameter_locals(const Source& s) {
  std::string out;
  for (std::size_t k = 0; k < s.params.size(); ++k) {
    const std::string p = param_name(static_cast<int>(k));
    out += "        " + p + " = self." + p + "\n";
  }
  return out;
}

std::string torch_module(const Source& s, const Expr& value) {
  std::string init =
      "    def __init__(self" + keyword_parameters(s, "") + "):\n" + "        super().__init__()\n";
  for (std::size_t k = 0; k < s.params.size(); ++k) {
    const std::string p = param_name(static_cast<int>(k));
    init += "        self." + p + " = torch.nn.Parameter(torch.tensor(float(" + p + ")))\n";
  }
  return python_helpers(Target::PyTorch, {&value}) + "class " + std::string(s.name) +
         "(torch.nn.Module):\n    \"\"\"The activation as a module: elementwise on tensors of "
         "any shape;\n    its parameters (if any) are learnable nn.Parameters.\"\"\"\n\n" +
         init + "\n    def forward(self, x):\n" + parameter_locals(s) + "        return " +
         body(value, Target::PyTorch) + "\n";
}

std::string tensorflow_module(const Source& s, const Expr& value) {
  std::string init = "    def __init__(self" + keyword_parameters(s, "") + ", **kwargs):\n" +
                     "        super().__init__(**kwargs)\n";
  for (std::size_t k = 0; k < s.params.size(); ++k) {
    const std::string p = param_name(static_cast<int>(k));
    init += "        self." + p + " = self.add_weight(\n            name=\"" + p +
            "\", shape=(), initializer=tf.keras.initializers.Constant(" + p +
            "), trainable=True)\n";
  }
  return python_helpers(Target::TensorFlow, {&value}) + "class " + std::string(s.name) +
         "(tf.keras.layers.Layer):\n    \"\"\"The activation as a Keras layer: elementwise; its "
         "parameters (if any) are\n    trainable weights.\"\"\"\n\n" +
         init + "\n    def call(self, x):\n" + parameter_locals(s) + "        return " +
         body(value, Target::TensorFlow) + "\n";
}

std::string imports(Target target) {
  switch (target) {
    case Target::NumPy:
      return "import numpy as np\n";
    case Target::Jax:
      return "import jax\nimport jax.numpy as jnp\n";
    case Target::PyTorch:
      return "import torch\n";
    default:
      return "import tensorflow as tf\n";
  }
}

std::string usage(const Source& s, Target target) {
  const std::string name(s.name);
  switch (target) {
    case Target::NumPy:
      return name + "(x) and " + name + "_derivative(x) work on floats and NumPy arrays.";
    case Target::Jax:
      return name + "(x) works on jax arrays; jax.grad(" + name + ") is its derivative.";
    case Target::PyTorch:
      return name + "() is a torch.nn.Module; autograd differentiates it.";
    default:
      return name + "() is a Keras layer; tf.GradientTape differentiates it.";
  }
}

}  // namespace

std::string export_python(const Source& s, Target target) {
  const Expr value = fold_constants(s.e);
  std::string code;
  switch (target) {
    case Target::NumPy:
      code = numpy_module(s, value, fold_constants(derivative(s.e)));
      break;
    case Target::Jax:
      code = jax_module(s, value);
      break;
    case Target::PyTorch:
      code = torch_module(s, value);
      break;
    default:
      code = tensorflow_module(s, value);
  }
  std::vector<std::string> lines = header_lines(s);
  lines.insert(lines.end(), {"", usage(s, target)});
  return python_comment(lines) + math_import(code) + "\n" + imports(target) + "\n\n" + code;
}

}  // namespace actsearch::grammar::export_detail
