//! Number arrays stored as base64 of their little-endian bytes: a model of
//! tens of thousands of weights stays a few hundred kilobytes in the
//! database instead of megabytes of JSON digits.

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use serde::{Deserialize, Deserializer, Serializer};

fn encode<S: Serializer, const N: usize>(
    items: impl Iterator<Item = [u8; N]>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    let bytes: Vec<u8> = items.flatten().collect();
    serializer.serialize_str(&STANDARD.encode(bytes))
}

fn decode<'de, D: Deserializer<'de>, const N: usize>(
    deserializer: D,
) -> Result<Vec<[u8; N]>, D::Error> {
    let text = String::deserialize(deserializer)?;
    let bytes = STANDARD.decode(text).map_err(serde::de::Error::custom)?;
    if bytes.len() % N != 0 {
        return Err(serde::de::Error::custom("packed array has a partial item"));
    }
    Ok(bytes
        .chunks_exact(N)
        .map(|chunk| {
            let mut item = [0u8; N];
            item.copy_from_slice(chunk);
            item
        })
        .collect())
}

pub mod f32s {
    use super::*;

    pub fn serialize<S: Serializer>(values: &[f32], serializer: S) -> Result<S::Ok, S::Error> {
        encode(values.iter().map(|v| v.to_le_bytes()), serializer)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<f32>, D::Error> {
        Ok(decode::<D, 4>(deserializer)?
            .into_iter()
            .map(f32::from_le_bytes)
            .collect())
    }
}

pub mod u64s {
    use super::*;

    pub fn serialize<S: Serializer>(values: &[u64], serializer: S) -> Result<S::Ok, S::Error> {
        encode(values.iter().map(|v| v.to_le_bytes()), serializer)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<u64>, D::Error> {
        Ok(decode::<D, 8>(deserializer)?
            .into_iter()
            .map(u64::from_le_bytes)
            .collect())
    }
}

#[cfg(test)]
mod tests {
    use serde::{Deserialize, Serialize};

    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    struct Arrays {
        #[serde(with = "super::f32s")]
        weights: Vec<f32>,
        #[serde(with = "super::u64s")]
        keys: Vec<u64>,
    }

    #[test]
    fn arrays_round_trip_and_bad_lengths_are_refused() -> Result<(), serde_json::Error> {
        let arrays = Arrays {
            weights: vec![0.0, -1.5, f32::MIN_POSITIVE, 3.25e7],
            keys: vec![0, u64::MAX, 42],
        };
        let json = serde_json::to_string(&arrays)?;
        assert_eq!(serde_json::from_str::<Arrays>(&json)?, arrays);
        assert!(serde_json::from_str::<Arrays>(r#"{"weights":"AAA=","keys":""}"#).is_err());
        Ok(())
    }
}
