# case: clean twin: the page's workaround, clone the inference output outside inference mode to get a normal tensor before it is used in a recorded computation
# source: https://taourl.com/read-2425307.html
import torch

model = torch.nn.Linear(5, 3)
head = torch.nn.Linear(3, 1)
input_tensor = torch.randn(3, 5)
with torch.inference_mode():
    output = model(input_tensor)
output_clone = output.clone()
loss = head(output_clone).sum()
loss.backward()
