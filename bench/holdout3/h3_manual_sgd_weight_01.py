# case: the "deep dive" blog's linear-layer example: forward, MSE loss, backward, then `model.weight -= 0.1 * model.weight.grad` under torch.no_grad(), then a second forward/backward; the page says the in-place-operation error occurs on the second iteration, but the update is a no_grad write to a leaf after its graph was consumed, so it runs cleanly
# source: https://twelvescompany.co.uk/post/error-message-like-runtime-error-one-of-the-variables
import torch

# Define a simple linear layer
model = torch.nn.Linear(10, 1)
# Example input data
input_tensor = torch.randn(1, 10, requires_grad=True)
# Forward pass
output = model(input_tensor)
# Loss calculation (using mean squared error for demonstration)
loss = torch.mean((output - 1) ** 2)
# Backpropagation
loss.backward()
# Update weights using gradient descent
with torch.no_grad():
    model.weight -= 0.1 * model.weight.grad
# Another iteration
output = model(input_tensor)
loss = torch.mean((output - 1) ** 2)
loss.backward()
print(model.weight.is_leaf, model.weight.grad is not None)
