# case: the page's "error example" y = x * 2; y += 1; z = sum(y); z.backward(): mul by a constant saves nothing, so under torch this runs
# source: https://geek-docs.com/pytorch/pytorch-questions/518_pytorch_runtimeerror_one_of_the_variables_needed_for_gradient_computation_has_been_modified_by_an_inplace_operation.html
import torch

x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
y = x * 2
y += 1
z = torch.sum(y)
z.backward()
print(x.grad)
