#![allow(dead_code)]
pub mod generate;
pub mod reference_matcher;
pub mod vectors;
