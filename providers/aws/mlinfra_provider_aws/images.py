"""Prebuilt SageMaker serving and training images for known frameworks.

SageMaker publishes framework containers from one ECR account per region. This small
table covers the common regions; a region not listed needs an explicit ``image``.
"""

from __future__ import annotations

# Account of the scikit-learn and XGBoost images ("sagemaker-scikit-learn", "sagemaker-xgboost").
_SKLEARN_XGBOOST_ACCOUNTS = {
    "us-east-1": "683313688378",
    "us-east-2": "257758044811",
    "us-west-1": "746614075791",
    "us-west-2": "246618743249",
    "eu-west-1": "141502667606",
    "eu-west-2": "764974769150",
    "eu-central-1": "492215442770",
    "ap-northeast-1": "354813040037",
    "ap-southeast-1": "121021644041",
    "ap-southeast-2": "783357654285",
}
# Account of the deep learning containers ("pytorch-inference", "pytorch-training").
_DLC_ACCOUNTS = {
    "us-east-1": "763104351884",
    "us-east-2": "763104351884",
    "us-west-1": "763104351884",
    "us-west-2": "763104351884",
    "eu-west-1": "763104351884",
    "eu-west-2": "763104351884",
    "eu-central-1": "763104351884",
    "ap-northeast-1": "763104351884",
    "ap-southeast-1": "763104351884",
    "ap-southeast-2": "763104351884",
}
DEFAULT_VERSIONS = {"sklearn": "1.2-1", "xgboost": "1.7-1", "pytorch": "2.1"}
KNOWN = tuple(sorted(DEFAULT_VERSIONS))


def framework_image(framework: str, version: str | None, region: str, purpose: str = "inference") -> str:
    """The prebuilt image URI; ValueError naming the fix when there is none."""
    fw = framework.lower()
    if fw in ("scikit-learn", "sklearn"):
        fw = "sklearn"
    if fw not in DEFAULT_VERSIONS:
        raise ValueError(
            f'No prebuilt SageMaker image is known for framework "{framework}" '
            f"(known: {', '.join(KNOWN)}); set `image` to a container image URI."
        )
    ver = version or DEFAULT_VERSIONS[fw]
    accounts = _DLC_ACCOUNTS if fw == "pytorch" else _SKLEARN_XGBOOST_ACCOUNTS
    account = accounts.get(region)
    if account is None:
        raise ValueError(
            f'No prebuilt {fw} image is known in region "{region}"; set `image` to a container image URI.'
        )
    host = f"{account}.dkr.ecr.{region}.amazonaws.com"
    if fw == "sklearn":
        return f"{host}/sagemaker-scikit-learn:{ver}-cpu-py3"
    if fw == "xgboost":
        return f"{host}/sagemaker-xgboost:{ver}"
    return f"{host}/pytorch-{purpose}:{ver}-cpu-py310"
