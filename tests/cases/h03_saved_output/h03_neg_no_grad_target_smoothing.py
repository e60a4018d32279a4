# case: soft targets from sigmoid computed under no_grad, then smoothed in place: not part of any graph
import torch
import torch.nn.functional as F

teacher_logits = torch.randn(4, 3)
student_logits = torch.randn(4, 3, requires_grad=True)
with torch.no_grad():
    target = torch.sigmoid(teacher_logits)
target.mul_(0.9).add_(0.05)
loss = F.binary_cross_entropy_with_logits(student_logits, target)
loss.backward()
print(student_logits.grad.shape)
