# case: the workaround from the thread: `.clone()` after the CPU-side `.to('cpu')` so the accumulator is a normal tensor; fold ensembling runs cleanly
# source: https://github.com/MIC-DKFZ/nnUNet/issues/2193
import torch
import torch.nn as nn


class nnUNetPredictor(object):
    def __init__(self, network, list_of_parameters, device=torch.device('cpu')):
        self.network = network
        self.list_of_parameters = list_of_parameters
        self.device = device

    @torch.inference_mode()
    def predict_sliding_window_return_logits(self, input_image):
        self.network.eval()
        predicted_logits = torch.zeros((2,) + tuple(input_image.shape[1:]), device=self.device)
        for sl in (slice(0, 4), slice(4, 8)):
            predicted_logits[:, :, sl] += self.network(input_image[None, :, :, sl])[0]
        return predicted_logits

    def predict_logits_from_preprocessed_data(self, data: torch.Tensor) -> torch.Tensor:
        with torch.no_grad():
            prediction = None
            for params in self.list_of_parameters:
                self.network.load_state_dict(params)
                if prediction is None:
                    prediction = self.predict_sliding_window_return_logits(data).to('cpu').clone()
                else:
                    prediction += self.predict_sliding_window_return_logits(data).to('cpu').clone()

            if len(self.list_of_parameters) > 1:
                prediction /= len(self.list_of_parameters)
        return prediction


network = nn.Sequential(nn.Conv2d(1, 4, 3, padding=1), nn.ReLU(), nn.Conv2d(4, 2, 1))
folds = []
for fold in range(2):
    torch.manual_seed(fold)
    folds.append({k: torch.randn_like(v) for k, v in network.state_dict().items()})
predictor = nnUNetPredictor(network, folds)
data = torch.randn(1, 8, 8)
logits = predictor.predict_logits_from_preprocessed_data(data)
print(logits.argmax(0))
