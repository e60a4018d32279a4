# source: https://github.com/andimarafioti/faster-qwen3-tts/pull/37
# case: the PR: the cached codes are cloned after the device move (`...[index].to(device).clone()`), outside inference mode, so the embedding receives a normal tensor it can save and the ICL prompt backpropagates
import torch
import torch.nn as nn

torch.manual_seed(0)


class SpeechTokenizer(nn.Module):
    def __init__(self, codebook_size=16, dim=6):
        super().__init__()
        self.codebook = nn.Parameter(torch.randn(codebook_size, dim))

    def encode(self, wav):
        frames = wav.view(wav.shape[0], -1, self.codebook.shape[1])
        dist = torch.cdist(frames, self.codebook.unsqueeze(0).expand(wav.shape[0], -1, -1))
        return dist.argmin(dim=-1)


class Talker(nn.Module):
    def __init__(self, vocab=16, dim=8):
        super().__init__()
        self.embed_tokens = nn.Embedding(vocab, dim)
        self.codec_head = nn.Linear(dim, vocab)

    def get_input_embeddings(self):
        return self.embed_tokens


class Qwen3TTSModel(nn.Module):
    def __init__(self):
        super().__init__()
        self.speech_tokenizer = SpeechTokenizer()
        self.talker = Talker()

    @torch.inference_mode()
    def create_voice_clone_prompt(self, ref_audio):
        ref_code = self.speech_tokenizer.encode(ref_audio)
        return {"ref_code": ref_code, "x_vector_only_mode": False}

    def generate_icl_prompt(self, text_embeds, ref_code):
        codec_embeds = self.talker.get_input_embeddings()(ref_code)
        return torch.cat([text_embeds, codec_embeds], dim=0)


class FasterQwen3TTS:
    def __init__(self, model):
        self.model = model
        self._voice_prompt_cache = {}

    def _prepare_generation(self, ref_audio, key):
        if key not in self._voice_prompt_cache:
            self._voice_prompt_cache[key] = self.model.create_voice_clone_prompt(ref_audio)
        return self._voice_prompt_cache[key]

    def _build_talker_inputs_local(self, text_embeds, voice_clone_prompt, index):
        m = self.model
        return m.generate_icl_prompt(text_embeds, ref_code=voice_clone_prompt["ref_code"][index].to("cpu").clone())

    def generate_voice_clone(self, text_embeds, ref_audio, key="spk0"):
        prompt = self._prepare_generation(ref_audio, key)
        inputs = self._build_talker_inputs_local(text_embeds, prompt, 0)
        return self.model.talker.codec_head(inputs)


model = Qwen3TTSModel()
tts = FasterQwen3TTS(model)
ref_audio = torch.randn(1, 4 * 6)
text_embeds = torch.randn(3, 8)
logits = tts.generate_voice_clone(text_embeds, ref_audio)
loss = logits.logsumexp(dim=-1).mean()
loss.backward()
