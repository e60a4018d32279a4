"""A minimal Lightning-style trainer: training_step -> backward -> step."""
import torch


class Trainer:
    def __init__(self, max_epochs=1, gradient_clip_val=None, log_every_n_steps=1):
        self.max_epochs = max_epochs
        self.gradient_clip_val = gradient_clip_val
        self.log_every_n_steps = log_every_n_steps

    def fit(self, model):
        model.prepare_data()
        model.setup("fit")
        optimizer = model.configure_optimizers()
        for epoch in range(self.max_epochs):
            model.current_epoch = epoch
            outputs = []
            for batch_idx, batch in enumerate(model.train_dataloader()):
                out = model.training_step(batch, batch_idx)
                optimizer.zero_grad()
                out["loss"].backward()
                if self.gradient_clip_val is not None:
                    torch.nn.utils.clip_grad_norm_(model.parameters(), self.gradient_clip_val)
                optimizer.step()
                outputs.append({k: v.detach() for k, v in out.items()})
            summary = model.training_epoch_end(outputs)
            print(f"epoch {epoch}: loss={summary['loss']:.4f}")
