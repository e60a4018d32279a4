# case: evaluation loop fills a preallocated prediction buffer with out= inside torch.inference_mode(): parameters require grad, grad mode is off
import torch
import torch.nn as nn

torch.manual_seed(0)
model = nn.Linear(4, 3)
data = torch.randn(10, 4)
preds = torch.empty(10, dtype=torch.long)
probs = torch.empty(10, 3)
with torch.inference_mode():
    for i in range(0, 10, 5):
        logits = torch.addmm(model.bias, data[i:i + 5], model.weight.t())
        torch.softmax(logits, dim=1, out=probs[i:i + 5])
        torch.argmax(logits, dim=1, out=preds[i:i + 5])
print("ok", preds.tolist(), probs.sum(1)[:2])
