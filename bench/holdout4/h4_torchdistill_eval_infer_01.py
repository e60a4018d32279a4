# case: torchdistill image-classification example after the PR: evaluate() is decorated with @torch.inference_mode() and runs between knowledge-distillation epochs; its in-place accuracy arithmetic stays inside inference mode, only floats (.item()) leave it, and the next training epoch runs cleanly
# source: https://github.com/yoshitomo-matsubara/torchdistill/pull/199
import torch
import torch.nn as nn
import torch.nn.functional as F


def compute_accuracy(outputs, targets, topk=(1,)):
    maxk = max(topk)
    batch_size = targets.size(0)
    _, preds = outputs.topk(maxk, 1, True, True)
    preds = preds.t()
    corrects = preds.eq(targets[None])
    result_list = []
    for k in topk:
        correct_k = corrects[:k].flatten().sum(dtype=torch.float32)
        result_list.append(correct_k.mul_(100.0 / batch_size))
    return result_list


class SmoothedValue(object):
    def __init__(self):
        self.total, self.count = 0.0, 0

    def update(self, value, n=1):
        self.total += value * n
        self.count += n

    @property
    def global_avg(self):
        return self.total / max(self.count, 1)


class KDLoss(nn.KLDivLoss):
    def __init__(self, temperature=4.0, alpha=0.5):
        super().__init__(reduction="batchmean")
        self.temperature = temperature
        self.alpha = alpha

    def forward(self, student_output, teacher_output, targets):
        soft_loss = super().forward(torch.log_softmax(student_output / self.temperature, dim=1),
                                    torch.softmax(teacher_output / self.temperature, dim=1))
        hard_loss = F.cross_entropy(student_output, targets)
        return self.alpha * hard_loss + (1 - self.alpha) * (self.temperature ** 2) * soft_loss


class DistillationBox(object):
    def __init__(self, teacher_model, student_model, train_data_loader, val_data_loader, num_epochs=2):
        self.teacher_model = teacher_model
        self.student_model = student_model
        self.train_data_loader = train_data_loader
        self.val_data_loader = val_data_loader
        self.num_epochs = num_epochs
        self.criterion = KDLoss()
        self.optimizer = torch.optim.SGD(student_model.parameters(), lr=0.1, momentum=0.9, weight_decay=5e-4)
        self.lr_scheduler = torch.optim.lr_scheduler.MultiStepLR(self.optimizer, milestones=[1], gamma=0.1)

    def pre_process(self, epoch):
        self.teacher_model.eval()
        self.student_model.train()

    def __call__(self, sample_batch, targets):
        with torch.no_grad():
            teacher_outputs = self.teacher_model(sample_batch)
        student_outputs = self.student_model(sample_batch)
        return self.criterion(student_outputs, teacher_outputs, targets)

    def update_params(self, loss):
        self.optimizer.zero_grad()
        loss.backward()
        self.optimizer.step()

    def post_process(self):
        self.lr_scheduler.step()


def train_one_epoch(training_box, epoch):
    for sample_batch, targets in training_box.train_data_loader:
        loss = training_box(sample_batch, targets)
        training_box.update_params(loss)
        if torch.isnan(loss) or torch.isinf(loss):
            raise ValueError("The training loop was broken due to loss = {}".format(loss))


@torch.inference_mode()
def evaluate(model, data_loader, header="Test:"):
    model.eval()
    acc1_meter, acc5_meter = SmoothedValue(), SmoothedValue()
    for image, target in data_loader:
        output = model(image)
        acc1, acc5 = compute_accuracy(output, target, topk=(1, 5))
        batch_size = image.shape[0]
        acc1_meter.update(acc1.item(), n=batch_size)
        acc5_meter.update(acc5.item(), n=batch_size)
    return acc1_meter.global_avg


def make_net(width):
    return nn.Sequential(nn.Conv2d(3, width, 3, padding=1), nn.BatchNorm2d(width), nn.ReLU(inplace=True),
                         nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(width, 10))


teacher_model, student_model = make_net(16), make_net(8)
train_loader = [(torch.randn(4, 3, 8, 8), torch.randint(0, 10, (4,))) for _ in range(2)]
val_loader = [(torch.randn(4, 3, 8, 8), torch.randint(0, 10, (4,)))]
training_box = DistillationBox(teacher_model, student_model, train_loader, val_loader)
best_val_top1_accuracy = 0.0
for epoch in range(training_box.num_epochs):
    training_box.pre_process(epoch=epoch)
    train_one_epoch(training_box, epoch)
    val_top1_accuracy = evaluate(student_model, training_box.val_data_loader, header="Validation:")
    best_val_top1_accuracy = max(best_val_top1_accuracy, val_top1_accuracy)
    training_box.post_process()
