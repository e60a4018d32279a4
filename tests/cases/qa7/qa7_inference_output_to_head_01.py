# case: features computed under torch.inference_mode() are fed to a trainable head outside it; the head's Linear saves its input (an inference tensor) for backward
# source: https://taourl.com/read-2425307.html
import torch

model = torch.nn.Linear(5, 3)
head = torch.nn.Linear(3, 1)
input_tensor = torch.randn(3, 5)
with torch.inference_mode():
    output = model(input_tensor)
loss = head(output).sum()  # expect: GG006  # raises: RuntimeError: Inference tensors cannot be saved for backward
loss.backward()
